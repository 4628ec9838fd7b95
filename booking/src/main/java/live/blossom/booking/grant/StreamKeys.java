package live.blossom.booking.grant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Stream keys: 256 random bits, shown to the merchant once; only their SHA-256 is stored. A plain
 * hash (no salt, no stretching) is enough because the key is random, not a password someone chose.
 */
public final class StreamKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private StreamKeys() {
    }

    /** A new key and the hash to store. */
    public static Issued issue() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return new Issued(key, hash(key));
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares in constant time, so response timing tells nothing about a stored hash. */
    public static boolean matches(String key, String storedHash) {
        if (key == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(key).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** A key as the merchant sees it once, and its hash as the store keeps it. */
    public record Issued(String key, String hash) {
    }
}
