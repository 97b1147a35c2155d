package vn.loa.controller.user;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import vn.loa.controller.audit.RequestAudit;
import vn.loa.controller.auth.Role;
import vn.loa.controller.http.ApiException;

/** What a user name, a password, a display name and a role must be; each check refuses with a clear 400. */
final class AccountRules {
    static final int USERNAME_MIN = 3;
    static final int USERNAME_MAX = 64;
    static final int PASSWORD_MIN = 10;
    static final int PASSWORD_MAX = 256;
    static final int DISPLAY_NAME_MAX = 100;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{" + USERNAME_MIN + "," + USERNAME_MAX + "}");

    private AccountRules() {
    }

    static String username(String username) {
        if (RequestAudit.ANONYMOUS.equals(username)) {
            throw ApiException.badRequest("username " + username + " is reserved (the audit log's name for"
                    + " requests without a user)", Map.of("field", "username"));
        }
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("username must be " + USERNAME_MIN + " to " + USERNAME_MAX
                    + " characters of a-z, 0-9, '.', '_' and '-'", Map.of("field", "username"));
        }
        return username;
    }

    static String password(String field, String password) {
        if (password == null || password.length() < PASSWORD_MIN || password.length() > PASSWORD_MAX) {
            throw ApiException.badRequest("password must be " + PASSWORD_MIN + " to " + PASSWORD_MAX + " characters",
                    Map.of("field", field, "minLength", PASSWORD_MIN, "maxLength", PASSWORD_MAX));
        }
        return password;
    }

    /** The display name as stored: NFC, trimmed, null when blank. */
    static String displayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            return null;
        }
        String name = Normalizer.normalize(displayName.strip(), Normalizer.Form.NFC);
        if (name.codePointCount(0, name.length()) > DISPLAY_NAME_MAX || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("displayName must be at most " + DISPLAY_NAME_MAX
                    + " characters without control characters", Map.of("field", "displayName", "maxLength", DISPLAY_NAME_MAX));
        }
        return name;
    }

    static Role role(String role) {
        return Arrays.stream(Role.values()).filter(r -> r.name().toLowerCase(Locale.ROOT).equals(role)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("unknown role", Map.of("field", "role", "allowed",
                        Arrays.stream(Role.values()).map(r -> r.name().toLowerCase(Locale.ROOT)).toList())));
    }
}
