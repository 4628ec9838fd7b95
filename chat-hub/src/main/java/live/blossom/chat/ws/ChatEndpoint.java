package live.blossom.chat.ws;

import io.netty.channel.Channel;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import live.blossom.platform.http.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /ws/chat}: upgrades to a WebSocket and hands the connection to a {@link ChatSession}. */
public final class ChatEndpoint {

    public static final String PATH = "/ws/chat";
    private static final Logger log = LoggerFactory.getLogger(ChatEndpoint.class);

    private final ChatServices services;

    public ChatEndpoint(ChatServices services) {
        this.services = services;
    }

    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            ctx.fail(ApiException.badRequest("websocket_required", "Open /ws/chat as a WebSocket."));
            return;
        }
        // No permessage-deflate: batch frames are shared bytes, and a deflater per connection
        // would cost far more memory than the connection itself.
        request.headers().remove("Sec-WebSocket-Extensions");
        String token = request.getParam("token");
        // The connection's Netty channel outlives the upgrade: batch frames are written to it
        // directly as shared bytes (Vert.x Web wraps the WebSocket and hides it afterwards).
        Channel channel = ((ConnectionBase) request.connection()).channel();
        // Vert.x 5 hands out the WebSocket only after accepting it, so a client frame read in
        // between would reach no handler and be lost (eclipse-vertx/vert.x#5594): stop reading
        // until the session's handlers are in place.
        channel.config().setAutoRead(false);
        request.toWebSocket().onComplete(ar -> {
            try {
                if (ar.succeeded()) {
                    new ChatSession(ar.result(), channel, services).start(token);
                } else {
                    log.debug("chat upgrade failed cause={}", ar.cause().toString());
                }
            } finally {
                channel.config().setAutoRead(true);
            }
        });
    }
}
