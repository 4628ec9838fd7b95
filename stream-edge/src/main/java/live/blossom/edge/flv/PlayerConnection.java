package live.blossom.edge.flv;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an FLV player's connection may say once it plays: a WebSocket player's ping is answered,
 * its close frame is returned and the connection closed; anything else (text, binary, the
 * rest of an HTTP request) is dropped. The viewer leaves the stream when the connection closes.
 */
final class PlayerConnection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(PlayerConnection.class);

    private final FlvViewer viewer;

    PlayerConnection(FlvViewer viewer) {
        this.viewer = viewer;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()), ctx.voidPromise());
        } else if (msg instanceof CloseWebSocketFrame close) {
            ctx.writeAndFlush(close).addListener(ChannelFutureListener.CLOSE);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Nothing further up the pipeline reads this connection any more.
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        viewer.detach();
        ctx.fireChannelInactive(); // Vert.x still closes its books on the connection
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A player going away mid-write is ordinary; a frame over the size limit or a protocol
        // violation from a player ends its connection too.
        if (!(cause instanceof IOException)) {
            log.debug("flv player connection failed remote={} cause={}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
