package live.blossom.app.demo;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import live.blossom.platform.auth.Role;
import live.blossom.platform.auth.TokenAuthority;
import live.blossom.platform.bootstrap.BlossomModule;
import live.blossom.platform.bootstrap.PlatformContext;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;

/**
 * Demo sign-in: hands out tokens for the demo accounts. Mounted only by {@code blossom demo};
 * under {@code serve} the route does not exist and tokens come from the operator's issuer.
 */
public final class DevLogin implements BlossomModule {

    /** The demo accounts: id, display name, roles. */
    public static final Map<String, DemoAccount> ACCOUNTS = Map.of(
            "viewer", new DemoAccount("viewer-dawa", "Dawa", EnumSet.of(Role.VIEWER)),
            "host", new DemoAccount("host-tashi", "Tashi", EnumSet.of(Role.HOST, Role.MODERATOR, Role.VIEWER)),
            "merchant", new DemoAccount("merchant-pema", "Pema's Highland Farm",
                    EnumSet.of(Role.MERCHANT, Role.HOST, Role.MODERATOR, Role.VIEWER)),
            "moderator", new DemoAccount("mod-lhamo", "Lhamo", EnumSet.of(Role.MODERATOR, Role.VIEWER)),
            "admin", new DemoAccount("admin", "Operator", EnumSet.of(Role.ADMIN)));

    /** A demo account. */
    public record DemoAccount(String userId, String name, Set<Role> roles) {
    }

    private TokenAuthority tokens;

    @Override
    public String name() {
        return "dev-login";
    }

    @Override
    public void start(PlatformContext ctx) {
        tokens = ctx.auth().tokens();
        ctx.router().post("/api/dev/login").handler(this::login);
    }

    /**
     * {@code {"account": "viewer"}} signs in as a demo account; a viewer may pick its own
     * {@code "name"} so that several browsers are several buyers.
     */
    private void login(RoutingContext ctx) {
        JsonRequest body = JsonRequest.of(ctx);
        String account = body.text("account", 20).toLowerCase(Locale.ROOT);
        DemoAccount demo = ACCOUNTS.get(account);
        if (demo == null) {
            throw ApiException.badRequest("unknown_account", "Demo accounts are " + ACCOUNTS.keySet() + ".");
        }
        String userId = demo.userId();
        String name = demo.name();
        if (account.equals("viewer") && body.has("name")) {
            name = body.text("name", 40);
            userId = "viewer-" + Integer.toHexString(name.toLowerCase(Locale.ROOT).hashCode());
        }
        JsonArray roles = new JsonArray();
        demo.roles().forEach(r -> roles.add(r.claim()));
        ctx.json(new JsonObject()
                .put("token", tokens.issue(userId, name, demo.roles()))
                .put("userId", userId)
                .put("name", name)
                .put("roles", roles));
    }
}
