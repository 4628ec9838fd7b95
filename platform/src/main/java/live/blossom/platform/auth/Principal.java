package live.blossom.platform.auth;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import live.blossom.platform.http.ApiException;

/**
 * The verified user behind a request.
 *
 * @param userId stable id (the token's subject)
 * @param name   display name
 * @param roles  what the user may do
 */
public record Principal(String userId, String name, Set<Role> roles) {

    static final String CONTEXT_KEY = "blossom.principal";

    public Principal {
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }

    /** The principal that {@link Authentication} put on the request; 401 if there is none. */
    public static Principal of(RoutingContext ctx) {
        Principal principal = ctx.get(CONTEXT_KEY);
        if (principal == null) {
            throw ApiException.unauthorized("Sign in: send a valid bearer token.");
        }
        return principal;
    }

    /** The principal if the request carried a valid token, else null. */
    public static Principal orNull(RoutingContext ctx) {
        return ctx.get(CONTEXT_KEY);
    }
}
