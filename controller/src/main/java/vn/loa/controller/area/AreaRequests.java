package vn.loa.controller.area;

import java.util.List;
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

    /** Refuses the request with every problem found (the first {@link #MAX_REPORTED_PROBLEMS} of them). */
    static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw ApiException.badRequest("invalid area", problems.subList(0, Math.min(problems.size(), MAX_REPORTED_PROBLEMS)));
        }
    }
}
