package vn.loa.controller.stream;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import vn.loa.controller.config.ConfigException;
import vn.loa.controller.config.OwnerOnlyFiles;
import vn.loa.protocol.rtp.JoinTokens;

/**
 * The key join tokens are signed with: {@link JoinTokens#MIN_KEY_BYTES} random bytes generated once into the
 * data directory (base64, readable by the owner only), so tokens issued before a restart stay valid after it.
 */
public final class JoinKey {
    public static final String FILE_NAME = "streamer-join-key";

    private JoinKey() {
    }

    public static byte[] readOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        String text = OwnerOnlyFiles.readOrCreate(file, JoinKey::newKey);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + " is not base64: delete it to generate a new join key");
        }
        if (key.length < JoinTokens.MIN_KEY_BYTES) {
            throw new ConfigException(file + " holds " + key.length + " bytes, fewer than the "
                    + JoinTokens.MIN_KEY_BYTES + " a join key needs: delete it to generate a new one");
        }
        return key;
    }

    private static String newKey() {
        byte[] key = new byte[JoinTokens.MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
