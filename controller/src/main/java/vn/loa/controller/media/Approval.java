package vn.loa.controller.media;

import java.util.Optional;

/** Where an item is in review; only approved items go on air. The wire and database name is the constant's name. */
public enum Approval {
    draft,
    approved,
    rejected;

    public static Optional<Approval> parse(String text) {
        for (Approval a : values()) {
            if (a.name().equals(text)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
