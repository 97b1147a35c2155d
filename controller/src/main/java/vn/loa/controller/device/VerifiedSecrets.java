package vn.loa.controller.device;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets recently verified against their slow hash, so a reconnect storm does not redo PBKDF2 for every
 * speaker. Holds only an HMAC-SHA256 of each secret under a key that lives in this process alone, and the stored
 * hash it was checked against: when the stored hash changes, the entry no longer counts.
 */
public final class VerifiedSecrets {
    /** More entries than this (a fleet beyond the province's size) start the cache over. */
    public static final int MAX_ENTRIES = 50_000;
    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    private record Entry(String storedHash, byte[] mac) {
    }

    public VerifiedSecrets() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, MAC);
    }

    public boolean matches(String deviceId, String storedHash, String secret) {
        Entry entry = entries.get(deviceId);
        return entry != null && entry.storedHash().equals(storedHash) && MessageDigest.isEqual(entry.mac(), mac(secret));
    }

    public void remember(String deviceId, String storedHash, String secret) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(deviceId, new Entry(storedHash, mac(secret)));
    }

    public void forget(String deviceId) {
        entries.remove(deviceId);
    }

    int size() {
        return entries.size();
    }

    private byte[] mac(String secret) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            return mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
