package live.blossom.booking.studio;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import live.blossom.booking.Ids;
import live.blossom.booking.http.Replies;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.JsonRequest;

/** Admins set up studios; anyone may read them (merchants browse before they book). */
public final class StudioRoutes {

    private final StudioStore store;

    public StudioRoutes(StudioStore store) {
        this.store = store;
    }

    public void mount(Router router, Authentication auth) {
        router.post("/api/studios").handler(auth.roles(Role.ADMIN)).handler(this::create);
        router.put("/api/studios/:id").handler(auth.roles(Role.ADMIN)).handler(this::update);
        router.get("/api/studios").handler(this::list);
        router.get("/api/studios/:id").handler(this::get);
    }

    private void create(RoutingContext ctx) {
        Studio studio = StudioForm.read(Ids.random("s", 6), JsonRequest.of(ctx));
        Replies.json(ctx, 201, store.create(studio).map(Studio::toJson));
    }

    private void update(RoutingContext ctx) {
        String id = studioId(ctx);
        Studio studio = StudioForm.read(id, JsonRequest.of(ctx));
        Replies.json(ctx, 200, store.update(studio).map(Studio::toJson));
    }

    private void list(RoutingContext ctx) {
        Replies.json(ctx, 200, store.all().map(studios -> new JsonObject()
                .put("studios", new JsonArray(studios.stream().map(Studio::toJson).toList()))));
    }

    private void get(RoutingContext ctx) {
        Replies.json(ctx, 200, store.get(studioId(ctx)).map(Studio::toJson));
    }

    public static String studioId(RoutingContext ctx) {
        return Replies.pathId(ctx, "id", Replies.ID, "no_such_studio", "studio");
    }
}
