package live.blossom.platform.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;

/**
 * A path on the HTTP front whose connections leave Vert.x for plain Netty handlers: media
 * playback and chat WebSockets, where each connection is long-lived and every byte and
 * allocation per connection counts. The route sees the decoded request head on the
 * connection's event loop and either takes the connection (answers it and installs its own
 * handlers before {@code ctx}) or declines, and Vert.x's router answers the request as usual.
 */
@FunctionalInterface
public interface ChannelRoute {

    /**
     * @param ctx     the dispatcher's context; handlers added with
     *                {@code ctx.pipeline().addBefore(ctx.name(), ...)} see the connection's traffic
     *                before Vert.x does, and writes through {@code ctx} skip Vert.x's handler
     * @param request the request head (a GET's empty body follows and is dropped)
     * @return true if the route took the connection
     */
    boolean take(ChannelHandlerContext ctx, HttpRequest request);
}
