package live.blossom.chat.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;
import live.blossom.platform.http.ChannelRoute;

/**
 * {@code GET /ws/chat} with a WebSocket upgrade, taken from Vert.x onto plain Netty handlers: a
 * chat connection then holds only Netty's frame codec and its {@link ChatSession}, which keeps
 * per-connection memory and accept cost down for rooms of 100,000 viewers. A plain GET is
 * declined and answered by {@link ChatEndpoint} through the router.
 */
public final class ChatSocketRoute implements ChannelRoute {

    private final ChatServices services;
    private final WebSocketDecoderConfig decoderConfig;

    public ChatSocketRoute(ChatServices services) {
        this.services = services;
        // Frames over the limit are refused by the decoder before their payload is buffered; the
        // session answers its exception with the close code (1009, 1002). Reserved bits pass the
        // decoder only when compression may be negotiated; the session refuses them otherwise.
        this.decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(services.maxFrameBytes())
                .allowExtensions(services.deflateMinBytes() >= 0)
                .closeOnProtocolViolation(false)
                .build();
    }

    @Override
    public boolean take(ChannelHandlerContext ctx, HttpRequest request) {
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return false;
        }
        Channel channel = ctx.channel();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + ChatEndpoint.PATH, null,
                decoderConfig).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel);
            return true;
        }
        if (services.socketSendBuffer() > 0) {
            // A fixed kernel send buffer: no autotuning to megabytes for a viewer that stops reading.
            channel.config().setOption(ChannelOption.SO_SNDBUF, services.socketSendBuffer());
        }
        channel.config().setWriteBufferWaterMark(
                new WriteBufferWaterMark(services.writeHighWater() / 2, services.writeHighWater()));
        String deflate = services.deflateMinBytes() < 0 ? null : PerMessageDeflate.accept(request.headers());
        ChatSession session = new ChatSession(channel, services);
        HttpHeaders extensions = null;
        if (deflate != null) {
            session.outbound().deflateFrom(services.deflateMinBytes());
            extensions = new DefaultHttpHeaders().add(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS, deflate);
        }
        ctx.pipeline().addBefore(ctx.name(), "chat-session", new ChatSocketHandler(session,
                deflate == null ? null : new MessageInflater(services.maxFrameBytes())));
        // The head is all a GET has; the handshaker wants a full request.
        handshaker.handshake(channel, new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE),
                extensions, channel.newPromise())
                .addListener(f -> {
                    if (f.isSuccess()) {
                        // Fragmented client messages are joined, up to the same limit.
                        channel.pipeline().addBefore("chat-session", "chat-fragments",
                                new WebSocketFrameAggregator(services.maxFrameBytes()));
                        session.start(token(request.uri()));
                    } else {
                        channel.close();
                    }
                });
        return true;
    }

    private static String token(String uri) {
        List<String> values = new QueryStringDecoder(uri).parameters().get("token");
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
