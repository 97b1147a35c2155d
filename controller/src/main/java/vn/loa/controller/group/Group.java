package vn.loa.controller.group;

/**
 * A speaker group as the API shows it.
 *
 * @param areaId  the area that owns the group (its scope); null for an installation-wide group
 * @param members how many devices are in it
 */
public record Group(long id, String name, String description, Long areaId, long members) {
}
