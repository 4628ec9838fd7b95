package live.blossom.chat.ws;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The WebSocket frames of one chat connection, turned into {@link ChatSession} calls: text
 * messages to the session, pings answered, a close echoed, binary frames and oversize
 * messages refused with the protocol's close codes. Nothing reaches handlers behind it.
 */
final class ChatSocketHandler extends ChannelInboundHandlerAdapter {

    private final ChatSession session;

    ChatSocketHandler(ChatSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof TextWebSocketFrame text) {
                session.onText(text.text());
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                session.closedByPeer(close.retainedDuplicate());
            } else if (msg instanceof BinaryWebSocketFrame) {
                session.close((short) 1003, "text frames only");
            } else if (msg instanceof WebSocketFrame && !(msg instanceof PongWebSocketFrame)) {
                session.close((short) 1002, "unexpected frame");
            }
            // Anything else (the upgrade request's empty body, pongs) needs no answer.
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.leaveAll();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            session.close((short) 1009, "message too large");
        } else if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            session.close((short) corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
        } else {
            ctx.close();
        }
    }
}
