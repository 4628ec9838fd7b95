package live.blossom.platform.auth;

import java.util.Locale;
import java.util.Optional;

/** What a signed-in user may do. Anonymous viewers have no token and no role. */
public enum Role {
    VIEWER, HOST, MERCHANT, MODERATOR, ADMIN;

    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromClaim(String claim) {
        for (Role role : values()) {
            if (role.claim().equals(claim)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
