package live.blossom.edge.flv;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import live.blossom.edge.relay.LiveStream;
import live.blossom.edge.relay.StreamRegistry;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.ChannelRoutes;

/**
 * {@code GET /live/{stream}.flv} (HTTP-FLV, chunked body) and {@code /live/{stream}.ws}
 * (WebSocket, binary frames of FLV bytes as flv.js and mpegts.js expect).
 *
 * <p>A play request for a live stream takes its connection away from Vert.x (a platform
 * {@link ChannelRoutes channel route}): the viewer then writes each batch as one buffer
 * straight to the connection's Netty pipeline, with no Vert.x buffer or future per write.
 * Everything else (a stream that is not live, a {@code .ws} request that is no WebSocket
 * upgrade) falls through to the router routes here, which answer in the API's JSON error model.
 */
public final class FlvPlayRoutes {

    private static final Pattern PATH = Pattern.compile("/live/([a-z0-9][a-z0-9-]{0,63})\\.(flv|ws)");
    /** Players send pings and a close frame at most; nothing they say needs more. */
    private static final int MAX_PLAYER_FRAME = 1024;

    private final StreamRegistry registry;
    private final int formatIndex;
    private final WriteBufferWaterMark watermark;
    private final int sendBuffer;

    public FlvPlayRoutes(StreamRegistry registry, int formatIndex, int writeBufferLow, int writeBufferHigh,
            int sendBuffer) {
        this.registry = registry;
        this.formatIndex = formatIndex;
        this.watermark = new WriteBufferWaterMark(writeBufferLow, writeBufferHigh);
        this.sendBuffer = sendBuffer;
    }

    public void mount(Router router, ChannelRoutes channelRoutes) {
        channelRoutes.add(path -> path.startsWith("/live/") && PATH.matcher(path).matches(), this::take);
        router.getWithRegex("/live/([a-z0-9][a-z0-9-]{0,63})\\.flv").handler(this::notPlayable);
        router.getWithRegex("/live/([a-z0-9][a-z0-9-]{0,63})\\.ws").handler(this::notPlayable);
    }

    /** On the connection's event loop: starts playback if the request can play, else declines. */
    private boolean take(ChannelHandlerContext ctx, HttpRequest request) {
        if (request.method() != HttpMethod.GET) {
            return false;
        }
        String uri = request.uri();
        int query = uri.indexOf('?');
        Matcher m = PATH.matcher(query < 0 ? uri : uri.substring(0, query));
        if (!m.matches()) {
            return false;
        }
        LiveStream stream = registry.find(m.group(1));
        if (stream == null || !stream.isLive()) {
            return false;
        }
        return m.group(2).equals("flv") ? playHttp(ctx, stream) : playWebSocket(ctx, request, stream);
    }

    private boolean playHttp(ChannelHandlerContext ctx, LiveStream stream) {
        FlvViewer viewer = new FlvViewer(prepare(ctx.channel()), "http-flv", new HttpFlvSink(ctx), formatIndex, true);
        ctx.pipeline().addBefore(ctx.name(), "flv-player", new PlayerConnection(viewer));
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "video/x-flv")
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED)
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache, no-store")
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        // Flushed at once: a player should see the answer even before the first tags arrive.
        ctx.writeAndFlush(head, ctx.voidPromise());
        // From here on the body's chunks come framed by the viewer: the encoder would only copy
        // their size lines and split each batch into three writes.
        ChannelHandlerContext encoder = ctx.pipeline().context(HttpResponseEncoder.class);
        if (encoder != null) {
            ctx.pipeline().remove(encoder.handler());
        }
        stream.attach(viewer);
        return true;
    }

    private boolean playWebSocket(ChannelHandlerContext ctx, HttpRequest request, LiveStream stream) {
        if (!request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return false;
        }
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://" + request.headers().get(HttpHeaderNames.HOST, "localhost") + request.uri(), null,
                WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(MAX_PLAYER_FRAME).allowExtensions(false).build())
                .newHandshaker(request);
        if (handshaker == null) {
            return false; // a WebSocket version Netty does not speak: the router's answer says what is expected
        }
        Channel channel = prepare(ctx.channel());
        FlvViewer viewer = new FlvViewer(channel, "ws-flv", new WsFlvSink(ctx), formatIndex, false);
        ctx.pipeline().addBefore(ctx.name(), "flv-player", new PlayerConnection(viewer));
        // The handshaker wants the whole request; a GET upgrade has no body.
        DefaultFullHttpRequest full = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
                request.uri(), Unpooled.EMPTY_BUFFER, request.headers(), EmptyHttpHeaders.INSTANCE);
        handshaker.handshake(channel, full).addListener(f -> {
            if (f.isSuccess()) {
                stream.attach(viewer);
            } else {
                channel.close();
            }
        });
        return true;
    }

    /** The connection's outbound bound: the same watermarks and send buffer as an RTMP viewer's. */
    private Channel prepare(Channel channel) {
        channel.config().setWriteBufferWaterMark(watermark);
        if (sendBuffer > 0) {
            channel.config().setOption(ChannelOption.SO_SNDBUF, sendBuffer);
        }
        return channel;
    }

    /** Requests no channel route took: the stream is not live, or a .ws request is no WebSocket. */
    private void notPlayable(RoutingContext ctx) {
        LiveStream stream = registry.find(ctx.pathParam("param0"));
        if (stream == null || !stream.isLive()) {
            throw ApiException.notFound("stream_not_live", "This stream is not live right now.");
        }
        if (ctx.request().path().endsWith(".ws")) {
            throw ApiException.badRequest("websocket_expected", "Open this URL as a WebSocket (version 13).");
        }
        // Went live between the channel route's look and this one: the player's retry will play.
        throw ApiException.unavailable("stream_starting", "This stream is just starting; try again.", 1);
    }
}
