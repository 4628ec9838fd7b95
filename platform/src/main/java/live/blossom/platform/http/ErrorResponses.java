package live.blossom.platform.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders every failure of the HTTP front as {@code {"error": code, "message": text}} with the right status. */
public final class ErrorResponses {

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    /** Installs the failure handler and the JSON bodies for 404, 405 and 413 on a router. */
    public static void install(Router router) {
        router.route().failureHandler(ErrorResponses::onFailure);
        router.errorHandler(404, ctx -> send(ctx.response(), 404, "not_found",
                "No such resource: " + ctx.request().method() + " " + ctx.request().path(), -1));
        router.errorHandler(405, ctx -> send(ctx.response(), 405, "method_not_allowed",
                "Method " + ctx.request().method() + " is not allowed on " + ctx.request().path(), -1));
        router.errorHandler(413, ctx -> send(ctx.response(), 413, "payload_too_large",
                "The request body is larger than this endpoint accepts.", -1));
    }

    /** A failure handler for routes that need it directly. */
    public static Handler<RoutingContext> handler() {
        return ErrorResponses::onFailure;
    }

    static void onFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        HttpServerResponse response = ctx.response();
        if (failure instanceof ApiException e) {
            send(response, e.status(), e.code(), e.getMessage(), e.retryAfterSeconds());
        } else if (failure instanceof DecodeException) {
            send(response, 400, "malformed_json", "The request body is not valid JSON.", -1);
        } else if (failure instanceof HttpException e) {
            send(response, e.getStatusCode(), codeFor(e.getStatusCode()), messageFor(e), -1);
        } else if (failure == null) {
            int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
            send(response, status, codeFor(status), HttpResponseStatus.valueOf(status).reasonPhrase(), -1);
        } else {
            log.error("request failed method={} path={}", ctx.request().method(), ctx.request().path(), failure);
            send(response, 500, "internal", "Something went wrong on our side; it has been logged.", -1);
        }
    }

    private static String messageFor(HttpException e) {
        return switch (e.getStatusCode()) {
            case 413 -> "The request body is larger than this endpoint accepts.";
            case 401 -> "Sign in: send a valid bearer token.";
            default -> e.getPayload() != null ? e.getPayload() : HttpResponseStatus.valueOf(e.getStatusCode()).reasonPhrase();
        };
    }

    private static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 422 -> "unprocessable";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "error";
        };
    }

    /** Writes an error body unless the response is already on its way. */
    public static void send(HttpServerResponse response, int status, String code, String message, long retryAfterSeconds) {
        if (response.ended() || response.headWritten()) {
            if (!response.ended()) {
                response.reset();
            }
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8");
        if (retryAfterSeconds >= 0) {
            response.putHeader("Retry-After", Long.toString(retryAfterSeconds));
        }
        response.end(new JsonObject().put("error", code).put("message", message).encode());
    }
}
