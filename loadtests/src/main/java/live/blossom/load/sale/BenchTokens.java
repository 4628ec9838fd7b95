package live.blossom.load.sale;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints HS256 bearer tokens the way the platform's token authority does (same claims, same issuer),
 * so a load generator can make thousands of distinct buyers without a Vert.x instance of its own.
 */
public final class BenchTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final ThreadLocal<Mac> mac;

    public BenchTokens(String secret) {
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A token valid for an hour for {@code user} with one role (viewer, merchant ...). */
    public String issue(String user, String name, String role) {
        long now = System.currentTimeMillis() / 1000;
        String payload = "{\"sub\":\"" + user + "\",\"name\":\"" + name + "\",\"roles\":[\"" + role + "\"],\"iss\":\"blossom\",\"iat\":"
                + now + ",\"exp\":" + (now + 3600) + "}";
        String signingInput = HEADER + "." + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        byte[] signature = mac.get().doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64.encodeToString(signature);
    }
}
