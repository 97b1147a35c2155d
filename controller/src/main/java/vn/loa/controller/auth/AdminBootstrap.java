package vn.loa.controller.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.config.OwnerOnlyFiles;

/**
 * On the first start (no user yet) creates {@code admin}, role ADMIN over the whole installation, with the
 * configured password or a generated one that is written once to the log and to {@code <data dir>/admin-password}.
 */
public final class AdminBootstrap {
    public static final String ADMIN_USERNAME = "admin";
    public static final String PASSWORD_FILE_NAME = "admin-password";

    private static final Logger LOG = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final Path dataDir;

    public AdminBootstrap(UserRepository users, Path dataDir) {
        this.users = users;
        this.dataDir = dataDir;
    }

    /** Creates the admin if it does not exist yet; returns true if it did. */
    public boolean ensureAdmin(Optional<String> configuredPassword) {
        if (users.exists(ADMIN_USERNAME)) {
            return false;
        }
        String password = configuredPassword.orElseGet(this::generateAndKeep);
        users.create(ADMIN_USERNAME, new PasswordHasher(PasswordHasher.USER_ITERATIONS).hash(password), Role.ADMIN, null);
        LOG.info("Created user '{}' ({})", ADMIN_USERNAME,
                configuredPassword.isPresent() ? "password from admin.password" : "generated password");
        return true;
    }

    public Path passwordFile() {
        return dataDir.resolve(PASSWORD_FILE_NAME);
    }

    private String generateAndKeep() {
        String password = PasswordHasher.newSecret();
        try {
            // a file left from an earlier database no longer holds the admin's password
            Files.deleteIfExists(passwordFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + passwordFile(), e);
        }
        OwnerOnlyFiles.create(passwordFile(), password);
        // Shown once, on purpose: the operator installing Loa needs it to log in for the first time.
        LOG.warn("Generated password for user '{}': {} (also in {}; change it after the first login)",
                ADMIN_USERNAME, password, passwordFile());
        return password;
    }
}
