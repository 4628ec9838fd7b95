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
import java.util.zip.DataFormatException;

/**
 * The WebSocket frames of one chat connection, turned into {@link ChatSession} calls: text
 * messages to the session, pings answered (within the session's frame rate, and only while the
 * client reads), a close echoed, binary frames and oversize messages refused with the protocol's
 * close codes. Compressed messages (RSV1, when the client
 * negotiated permessage-deflate) are inflated first. Nothing reaches handlers behind it.
 */
final class ChatSocketHandler extends ChannelInboundHandlerAdapter {

    /** RSV1: the message is compressed (RFC 7692 §6). */
    private static final int RSV1 = 4;

    private final ChatSession session;
    /** Null unless the client negotiated permessage-deflate. */
    private final MessageInflater inflater;

    ChatSocketHandler(ChatSession session, MessageInflater inflater) {
        this.session = session;
        this.inflater = inflater;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof WebSocketFrame frame && frame.rsv() != 0 && !compressedMessage(frame)) {
                session.close((short) 1002, "unexpected reserved bits");
            } else if (msg instanceof TextWebSocketFrame text) {
                session.onText(text.rsv() == 0 ? text.text() : inflater.inflate(text.content()));
            } else if (msg instanceof PingWebSocketFrame ping) {
                if (session.onControlFrame()) {
                    ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                }
            } else if (msg instanceof PongWebSocketFrame) {
                session.onControlFrame();
            } else if (msg instanceof CloseWebSocketFrame close) {
                session.closedByPeer(close.retainedDuplicate());
            } else if (msg instanceof BinaryWebSocketFrame) {
                session.close((short) 1003, "text frames only");
            } else if (msg instanceof WebSocketFrame) {
                session.close((short) 1002, "unexpected frame");
            }
            // Anything else (the upgrade request's empty body) needs no answer.
        } catch (TooLongFrameException e) {
            session.close((short) 1009, "message too large");
        } catch (DataFormatException e) {
            session.close((short) 1007, "bad compressed data");
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private boolean compressedMessage(WebSocketFrame frame) {
        return inflater != null && frame.rsv() == RSV1
                && (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (inflater != null) {
            inflater.close();
        }
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
