package live.blossom.sale.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import live.blossom.platform.http.ApiException;
import live.blossom.sale.RedisFailures;

/** Answers a request from the future of its result: JSON on success, the JSON error model on failure. */
public final class Replies {

    private Replies() {
    }

    public static void json(RoutingContext ctx, int status, Future<JsonObject> result) {
        // Redis replies complete on Lettuce's threads: answer on the request's own event loop.
        Context context = ctx.vertx().getOrCreateContext();
        result.onComplete(done -> context.runOnContext(v -> {
            if (done.succeeded()) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(done.result().toBuffer());
            } else {
                ctx.fail(RedisFailures.toApi(done.cause()));
            }
        }));
    }

    /** {@code [a-z0-9]{1,32}}, checked without a regex: it runs on every buy attempt. */
    public static boolean isSaleId(String id) {
        if (id == null || id.isEmpty() || id.length() > 32) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /** The {@code id} path parameter as a sale id; 404 for anything that cannot be one. */
    public static String saleId(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!isSaleId(id)) {
            throw ApiException.notFound("no_such_sale", "There is no sale with this id.");
        }
        return id;
    }
}
