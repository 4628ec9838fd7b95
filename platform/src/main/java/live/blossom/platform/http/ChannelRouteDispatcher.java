package live.blossom.platform.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits in front of Vert.x's handler on one connection. Requests pass through to Vert.x unless a
 * {@link ChannelRoute} takes the connection; from then on nothing more reaches Vert.x but the
 * connection's end (so Vert.x still closes its own books on it).
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
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!taken) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!taken) {
            ctx.fireChannelWritabilityChanged();
        }
    }

    static String path(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
