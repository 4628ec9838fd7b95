package live.blossom.booking.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import live.blossom.platform.http.ApiException;

/** Answers a request from the future of its result: JSON on success, the JSON error model on failure. */
public final class Replies {

    /** Ids the plane makes itself (studios, bookings): short lower-case letters and digits. */
    public static final Pattern ID = Pattern.compile("[a-z0-9]{1,32}");
    /** A live session id, which is also its stream name and chat room id. */
    public static final Pattern ROOM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private Replies() {
    }

    public static void json(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onComplete(done -> {
            if (done.succeeded()) {
                ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                        .end(done.result().toBuffer());
            } else {
                fail(ctx, done.cause());
            }
        });
    }

    /** Fails the request; a {@link SlotTaken} becomes 409 with the conflicting interval in the body. */
    public static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof SlotTaken taken) {
            String start = Times.format(taken.start(), taken.zone());
            String end = Times.format(taken.end(), taken.zone());
            JsonObject body = new JsonObject().put("error", "slot_taken")
                    .put("message", "The studio is booked from " + start + " to " + end + " and needs "
                            + taken.bufferMinutes() + " minutes of changeover on either side; pick another slot.")
                    .put("conflict", new JsonObject().put("start", start).put("end", end))
                    .put("bufferMinutes", taken.bufferMinutes());
            ctx.response().setStatusCode(409).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(body.toBuffer());
            return;
        }
        ctx.fail(failure);
    }

    /** A path parameter that must match a pattern; 404 with the given code for anything else. */
    public static String pathId(RoutingContext ctx, String name, Pattern pattern, String code, String what) {
        String value = ctx.pathParam(name);
        if (value == null || !pattern.matcher(value).matches()) {
            throw notFound(code, what);
        }
        return value;
    }

    public static ApiException notFound(String code, String what) {
        return ApiException.notFound(code, "There is no " + what + " with this id.");
    }
}
