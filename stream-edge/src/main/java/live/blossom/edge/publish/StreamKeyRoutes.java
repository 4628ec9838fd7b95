package live.blossom.edge.publish;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;

/**
 * {@code POST /api/streams} (merchant: create a stream, get its key once) and
 * {@code POST /api/streams/{id}/key} (owner or admin: rotate the key).
 */
public final class StreamKeyRoutes {

    private final StreamKeyStore store;
    private final java.util.function.Supplier<String> publicRtmpUrl;

    /** @param publicRtmpUrl the ingest URL publishers use, e.g. {@code rtmp://host:1935/live} */
    public StreamKeyRoutes(StreamKeyStore store, java.util.function.Supplier<String> publicRtmpUrl) {
        this.store = store;
        this.publicRtmpUrl = publicRtmpUrl;
    }

    public void mount(Router router, Authentication auth) {
        router.post("/api/streams").handler(auth.roles(Role.MERCHANT)).handler(this::create);
        router.post("/api/streams/:id/key").handler(auth.roles(Role.MERCHANT)).handler(this::rotate);
    }

    private void create(RoutingContext ctx) {
        String name = JsonRequest.of(ctx).text("name", 64);
        if (!PublishName.STREAM.matcher(name).matches()) {
            throw ApiException.badRequest("invalid_name", "A stream name is 1-64 of a-z, 0-9 and '-', starting with a letter or digit.");
        }
        Principal who = Principal.of(ctx);
        store.create(name, who.userId()).onComplete(r -> {
            if (r.failed()) {
                ctx.fail("exists".equals(r.cause().getMessage())
                        ? ApiException.conflict("stream_exists", "A stream with this name exists; pick another name or rotate its key.")
                        : ApiException.unavailable("redis_unavailable", "Stream keys are unavailable right now; try again shortly.", 2));
                return;
            }
            ctx.response().setStatusCode(201);
            ctx.json(issued(r.result()));
        });
    }

    private void rotate(RoutingContext ctx) {
        String name = ctx.pathParam("id");
        Principal who = Principal.of(ctx);
        store.owner(name).compose(owner -> {
            if (owner == null) {
                throw ApiException.notFound("stream_not_found", "No stream with this name.");
            }
            if (!owner.equals(who.userId()) && !who.has(Role.ADMIN)) {
                throw ApiException.forbidden("Only the stream's owner can rotate its key.");
            }
            return store.rotate(name);
        }).onSuccess(issued -> ctx.json(issued(issued))).onFailure(e -> ctx.fail(e instanceof ApiException ? e
                : ApiException.unavailable("redis_unavailable", "Stream keys are unavailable right now; try again shortly.", 2)));
    }

    private JsonObject issued(StreamKeyStore.Issued issued) {
        String url = publicRtmpUrl.get();
        return new JsonObject()
                .put("stream", issued.stream())
                .put("key", issued.key())
                .put("publishUrl", url + "/" + issued.stream() + "?key=" + issued.key())
                .put("obs", new JsonObject().put("server", url).put("streamKey", issued.stream() + "?key=" + issued.key()));
    }
}
