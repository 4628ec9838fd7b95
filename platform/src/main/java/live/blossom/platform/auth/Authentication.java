package live.blossom.platform.auth;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import live.blossom.platform.http.ApiException;

/** Route handlers that verify the bearer token and check roles before the endpoint runs. */
public final class Authentication {

    private static final String BEARER = "Bearer ";

    private final TokenAuthority tokens;

    public Authentication(TokenAuthority tokens) {
        this.tokens = tokens;
    }

    public TokenAuthority tokens() {
        return tokens;
    }

    /** 401 unless the request carries a valid token. */
    public Handler<RoutingContext> required() {
        return ctx -> authenticate(ctx, true);
    }

    /** Puts a principal on the request when a valid token is present; anonymous requests pass. */
    public Handler<RoutingContext> optional() {
        return ctx -> authenticate(ctx, false);
    }

    private void authenticate(RoutingContext ctx, boolean required) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            if (required) {
                ctx.fail(ApiException.unauthorized("Sign in: send an Authorization: Bearer <token> header."));
            } else {
                ctx.next();
            }
            return;
        }
        String token = header.substring(BEARER.length()).trim();
        tokens.verify(token).onComplete(result -> {
            if (result.succeeded()) {
                ctx.put(Principal.CONTEXT_KEY, result.result());
                ctx.next();
            } else {
                ctx.fail(ApiException.unauthorized("The bearer token is invalid or expired; sign in again."));
            }
        });
    }

    private static void checkRoles(RoutingContext ctx, Principal principal, Set<Role> allowed) {
        for (Role role : allowed) {
            if (principal.has(role)) {
                ctx.next();
                return;
            }
        }
        ctx.fail(ApiException.forbidden("This needs one of the roles " + allowed.toString().toLowerCase()
                + "; you are signed in as " + principal.roles().toString().toLowerCase() + "."));
    }

    /** Chains token check and role check: what most write endpoints use. */
    public Handler<RoutingContext> roles(Role... roles) {
        Set<Role> allowed = EnumSet.copyOf(Arrays.asList(roles));
        return ctx -> {
            Principal existing = Principal.orNull(ctx);
            if (existing != null) {
                checkRoles(ctx, existing, allowed);
                return;
            }
            String header = ctx.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                ctx.fail(ApiException.unauthorized("Sign in: send an Authorization: Bearer <token> header."));
                return;
            }
            tokens.verify(header.substring(BEARER.length()).trim()).onComplete(result -> {
                if (result.failed()) {
                    ctx.fail(ApiException.unauthorized("The bearer token is invalid or expired; sign in again."));
                    return;
                }
                ctx.put(Principal.CONTEXT_KEY, result.result());
                checkRoles(ctx, result.result(), allowed);
            });
        };
    }
}
