package vn.loa.controller.area;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What level of administration an area is; the tree allows any kind under any other. */
public enum AreaKind {
    PROVINCE, DISTRICT, COMMUNE, WARD, VILLAGE, OTHER;

    /** As stored and shown: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AreaKind> parse(String text) {
        return text == null ? Optional.empty() : Arrays.stream(values())
                .filter(kind -> kind.wireName().equals(text.trim().toLowerCase(Locale.ROOT)))
                .findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(AreaKind::wireName).toList());
    }
}
