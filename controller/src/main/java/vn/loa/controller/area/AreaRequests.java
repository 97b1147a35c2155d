package vn.loa.controller.area;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.loa.controller.http.ApiException;

/** The bodies of area requests and the rules for their fields. */
final class AreaRequests {
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_CODE_LENGTH = 32;
    /** Codes come from official registers (e.g. the GSO's administrative unit codes): plain ASCII. */
    static final int MAX_REPORTED_PROBLEMS = 100;
    static final Pattern CODE = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_CODE_LENGTH + "}");

    private AreaRequests() {
    }

    /** {@code POST /api/areas}. */
    record Create(String name, String kind, Long parentId, String code) {
    }

    /** One node of {@code POST /api/areas/import}; {@code parentId} only on the top node, to import under it. */
    record ImportNode(String name, String kind, String code, Long parentId, List<ImportNode> children) {
        List<ImportNode> childList() {
            return children == null ? List.of() : children;
        }
    }

    /** The problems with one node's own fields, each prefixed by where the node is. */
    static void checkFields(String where, String name, String kind, String code, List<String> problems) {
        if (name == null || name.isBlank()) {
            problems.add(where + "name is required");
        } else if (name.length() > MAX_NAME_LENGTH) {
            problems.add(where + "name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (AreaKind.parse(kind).isEmpty()) {
            problems.add(where + "kind must be one of " + AreaKind.allowed() + (kind == null ? "" : ", not '" + kind + "'"));
        }
        if (code != null && !CODE.matcher(code).matches()) {
            problems.add(where + "code must be 1-" + MAX_CODE_LENGTH + " letters, digits, '.', '_' or '-'");
        }
    }

    /**
     * Checks every node of an import: its fields, its depth, codes used once, names without a code used once
     * among siblings. Returns the number of nodes.
     */
    static int checkTree(AreaRequests.ImportNode node, String where, int level, Set<String> codes, List<String> problems) {
        if (node == null) {
            problems.add(where + "an area must be an object, not null");
            return 0;
        }
        AreaRequests.checkFields(where, node.name(), node.kind(), node.code(), problems);
        if (level > 1 && node.parentId() != null) {
            problems.add(where + "parentId is only allowed on the top area of an import");
        }
        if (node.code() != null && !codes.add(node.code())) {
            problems.add(where + "code '" + node.code() + "' appears more than once");
        }
        if (level > AreaService.MAX_DEPTH) {
            problems.add(where + "deeper than " + AreaService.MAX_DEPTH + " levels");
            return 1;
        }
        int count = 1;
        List<AreaRequests.ImportNode> children = node.childList();
        Set<String> uncodedNames = new HashSet<>();
        for (int i = 0; i < children.size(); i++) {
            AreaRequests.ImportNode child = children.get(i);
            String childWhere = where + "children[" + i + "].";
            if (child != null && child.code() == null && child.name() != null && !uncodedNames.add(child.name())) {
                problems.add(childWhere + "name '" + child.name() + "' repeats under the same parent; give each a code");
            }
            count += checkTree(child, childWhere, level + 1, codes, problems);
        }
        return count;
    }

    /** Refuses the request with every problem found (the first {@link #MAX_REPORTED_PROBLEMS} of them). */
    static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid area", problems.subList(0, Math.min(problems.size(), MAX_REPORTED_PROBLEMS)));
        }
    }
}
