package vn.loa.controller.membership;

/** A device as listed among a group's members. */
public record Member(String id, String name, String status, Long areaId) {
}
