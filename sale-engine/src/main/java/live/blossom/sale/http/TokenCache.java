package live.blossom.sale.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.TokenAuthority;
import live.blossom.platform.http.ApiException;

/**
 * Verified bearer tokens remembered for the buy path: a buyer tapping again is not verified again
 * (a JWT verification costs an HMAC and a JSON parse, far more than this lookup). An entry lives
 * until the token's own expiry or five minutes, whichever is first; the cache is bounded.
 */
public final class TokenCache {

    private static final String BEARER = "Bearer ";
    private static final long MAX_KEEP_MS = Duration.ofMinutes(5).toMillis();

    private record Verified(Principal principal, long validUntil) {
    }

    private final TokenAuthority tokens;
    private final Cache<String, Verified> cache;

    public TokenCache(TokenAuthority tokens, long maxEntries) {
        this.tokens = tokens;
        this.cache = Caffeine.newBuilder().maximumSize(maxEntries).build();
    }

    /** The principal behind an Authorization header; a failed future with 401 when absent or invalid. */
    public Future<Principal> principal(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Future.failedFuture(ApiException.unauthorized("Sign in: send an Authorization: Bearer <token> header."));
        }
        String token = header.substring(BEARER.length()).trim();
        Verified known = cache.getIfPresent(token);
        long now = System.currentTimeMillis();
        if (known != null) {
            if (now < known.validUntil) {
                return Future.succeededFuture(known.principal);
            }
            cache.invalidate(token);
        }
        return tokens.verify(token).recover(failure -> Future.failedFuture(
                ApiException.unauthorized("The bearer token is invalid or expired; sign in again."))).map(principal -> {
            cache.put(token, new Verified(principal, Math.min(now + MAX_KEEP_MS, expiryOf(token, now))));
            return principal;
        });
    }

    /** The exp claim of a token already verified, in epoch ms; "now" if it cannot be read (no caching). */
    private static long expiryOf(String token, long now) {
        try {
            int first = token.indexOf('.');
            int second = token.indexOf('.', first + 1);
            String payload = new String(Base64.getUrlDecoder().decode(token.substring(first + 1, second)), StandardCharsets.UTF_8);
            // the token is verified already: a scan for the claim is enough, no second JSON parse
            int at = payload.indexOf("\"exp\":");
            if (at < 0) {
                return now + MAX_KEEP_MS;
            }
            int start = at + 6;
            int end = start;
            while (end < payload.length() && Character.isDigit(payload.charAt(end))) {
                end++;
            }
            return Long.parseLong(payload.substring(start, end)) * 1000;
        } catch (RuntimeException e) {
            return now;
        }
    }
}
