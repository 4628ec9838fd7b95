package live.blossom.platform.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.net.impl.VertxHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in front of Vert.x's handler on one connection. Requests pass through to Vert.x unless a
 * {@link ChannelRoute} takes the connection; then Vert.x's handler leaves the pipeline, and with
 * it Vert.x's connection object, whose outbound queue alone holds a 4 kB array (a jctools chunk
 * of 1,024 slots) that a taken connection never uses: half of a chat viewer's memory, and of
 * what the young collector copies for every new viewer. Nothing registers on that Vert.x
 * connection (no close handlers, no metrics), so nothing waits for its end, and the events
 * that pass this handler afterwards reach only the pipeline's tail.
 */
final class ChannelRouteDispatcher extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ChannelRouteDispatcher.class);

    private final ChannelRoutes routes;
    private boolean taken;

    ChannelRouteDispatcher(ChannelRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (taken) {
            // The rest of a taken request, or bytes a streaming client should not send: dropped.
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            ChannelRoute route = routes.find(path(request.uri()));
            if (route != null) {
                try {
                    taken = route.take(ctx, request);
                } catch (RuntimeException e) {
                    log.warn("channel route failed uri={} cause={}", request.uri(), e.toString());
                    taken = true;
                    ctx.close();
                }
                if (taken) {
                    ReferenceCountUtil.release(msg);
                    ChannelHandlerContext vertx = ctx.pipeline().context(VertxHandler.class);
                    if (vertx != null) {
                        ctx.pipeline().remove(vertx.handler());
                    }
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    static String path(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
