package live.blossom.chat.ws;

import io.vertx.ext.web.RoutingContext;
import live.blossom.platform.http.ApiException;

/**
 * {@code GET /ws/chat} on the router: only requests without a WebSocket upgrade get here (the
 * upgrade itself is taken by {@link ChatSocketRoute}), and they are told how to connect.
 */
public final class ChatEndpoint {

    public static final String PATH = "/ws/chat";

    public void handle(RoutingContext ctx) {
        ctx.fail(ApiException.badRequest("websocket_required", "Open /ws/chat as a WebSocket."));
    }
}
