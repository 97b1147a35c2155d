package vn.loa.controller.area;

/**
 * An area as the API shows it.
 *
 * @param path  materialised path of ids from the root, e.g. {@code /1/7/42/}
 * @param depth 1 for a root area, 2 for its children, and so on
 */
public record Area(long id, Long parentId, String code, String name, String kind, String path, int depth) {
    static int depthOf(String path) {
        return (int) path.chars().filter(c -> c == '/').count() - 1;
    }
}
