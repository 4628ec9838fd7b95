package live.blossom.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;

/** Issues and verifies the HS256 JWTs that carry a user's id, name and roles. */
public final class TokenAuthority {

    private static final int MIN_SECRET_BYTES = 32;

    private final JWTAuth jwt;
    private final String issuer;
    private final Duration ttl;

    private TokenAuthority(JWTAuth jwt, String issuer, Duration ttl) {
        this.jwt = jwt;
        this.issuer = issuer;
        this.ttl = ttl;
    }

    /**
     * Uses {@code jwt.secret}; when it is empty and {@code generateIfMissing} is set (demo mode),
     * a random secret is generated once and kept under the data directory.
     */
    public static TokenAuthority create(Vertx vertx, BlossomConfig config, boolean generateIfMissing) {
        String secret = config.string(PlatformKeys.JWT_SECRET);
        if (secret.isBlank()) {
            if (!generateIfMissing) {
                throw new IllegalArgumentException("jwt.secret (env " + PlatformKeys.JWT_SECRET.env()
                        + ") must be set to a secret of at least " + MIN_SECRET_BYTES + " bytes");
            }
            secret = generatedSecret(Path.of(config.string(PlatformKeys.DATA_DIR)).resolve("jwt.secret"));
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("jwt.secret must be at least " + MIN_SECRET_BYTES + " bytes long");
        }
        String issuer = config.string(PlatformKeys.JWT_ISSUER);
        JWTAuthOptions options = new JWTAuthOptions()
                .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
                .setJWTOptions(new JWTOptions().setIssuer(issuer));
        return new TokenAuthority(JWTAuth.create(vertx, options), issuer, config.duration(PlatformKeys.JWT_TTL));
    }

    private static String generatedSecret(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Files.writeString(file, secret);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the generated JWT secret in " + file, e);
        }
    }

    /** A signed token for a user with the given roles, valid for {@code jwt.ttl}. */
    public String issue(String userId, String name, Set<Role> roles) {
        JsonArray roleClaims = new JsonArray();
        roles.forEach(role -> roleClaims.add(role.claim()));
        JsonObject claims = new JsonObject().put("sub", userId).put("name", name).put("roles", roleClaims);
        return jwt.generateToken(claims, new JWTOptions().setAlgorithm("HS256").setIssuer(issuer)
                .setExpiresInSeconds((int) ttl.toSeconds()));
    }

    /** The principal of a valid token; a failed future for a forged, expired or malformed one. */
    public Future<Principal> verify(String token) {
        return jwt.authenticate(new TokenCredentials(token)).map(user -> {
            JsonObject claims = user.principal();
            String subject = claims.getString("sub");
            if (subject == null || subject.isBlank()) {
                throw new IllegalArgumentException("token has no subject");
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            JsonArray claimed = claims.getJsonArray("roles", new JsonArray());
            for (Object claim : claimed) {
                if (claim instanceof String s) {
                    Role.fromClaim(s).ifPresent(roles::add);
                }
            }
            return new Principal(subject, claims.getString("name", subject), roles);
        });
    }
}
