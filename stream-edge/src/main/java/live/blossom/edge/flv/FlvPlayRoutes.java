package live.blossom.edge.flv;

import io.netty.channel.Channel;
import io.netty.channel.WriteBufferWaterMark;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import live.blossom.edge.relay.LiveStream;
import live.blossom.edge.relay.StreamRegistry;
import live.blossom.platform.http.ApiException;

/**
 * {@code GET /live/{stream}.flv} (HTTP-FLV, chunked body) and {@code /live/{stream}.ws}
 * (WebSocket, binary frames of FLV bytes as flv.js and mpegts.js expect) on the platform's
 * HTTP router. The viewer writes on its connection's own event loop; the connection's
 * write-buffer watermarks are set here so that backpressure has the same bound as RTMP.
 */
public final class FlvPlayRoutes {

    private final StreamRegistry registry;
    private final int formatIndex;
    private final WriteBufferWaterMark watermark;

    private final int sendBuffer;

    public FlvPlayRoutes(StreamRegistry registry, int formatIndex, int writeBufferLow, int writeBufferHigh,
            int sendBuffer) {
        this.sendBuffer = sendBuffer;
        this.registry = registry;
        this.formatIndex = formatIndex;
        this.watermark = new WriteBufferWaterMark(writeBufferLow, writeBufferHigh);
    }

    public void mount(Router router) {
        router.getWithRegex("/live/([a-z0-9][a-z0-9-]{0,63})\\.flv").handler(this::httpFlv);
        router.getWithRegex("/live/([a-z0-9][a-z0-9-]{0,63})\\.ws").handler(this::wsFlv);
    }

    private LiveStream stream(RoutingContext ctx) {
        LiveStream stream = registry.find(ctx.pathParam("param0"));
        if (stream == null) {
            throw ApiException.notFound("stream_not_live", "This stream is not live right now.");
        }
        return stream;
    }

    private Channel channel(HttpServerRequest request) {
        // Vert.x exposes no public handle on the socket; its connection class does.
        Channel channel = ((ConnectionBase) request.connection()).channel();
        channel.config().setWriteBufferWaterMark(watermark);
        if (sendBuffer > 0) {
            channel.config().setOption(io.netty.channel.ChannelOption.SO_SNDBUF, sendBuffer);
        }
        return channel;
    }

    private void httpFlv(RoutingContext ctx) {
        LiveStream stream = stream(ctx);
        HttpServerResponse response = ctx.response();
        response.setChunked(true)
                .putHeader("Content-Type", "video/x-flv")
                .putHeader("Cache-Control", "no-cache, no-store")
                .putHeader("Access-Control-Allow-Origin", "*");
        FlvViewer viewer = new FlvViewer(channel(ctx.request()), "http-flv", new FlvSink() {
            @Override
            public Future<Void> write(Buffer bytes) {
                return response.write(bytes);
            }

            @Override
            public void end(Buffer last) {
                if (!response.closed() && !response.ended()) {
                    response.end(last);
                }
            }

            @Override
            public void abort() {
                response.reset();
            }
        }, formatIndex);
        response.closeHandler(v -> viewer.detach());
        response.exceptionHandler(e -> viewer.detach());
        stream.attach(viewer);
    }

    private void wsFlv(RoutingContext ctx) {
        LiveStream stream = stream(ctx);
        Channel channel = channel(ctx.request());
        ctx.request().toWebSocket().onSuccess(ws -> {
            FlvViewer viewer = new FlvViewer(channel, "ws-flv", new FlvSink() {
                @Override
                public Future<Void> write(Buffer bytes) {
                    return ws.writeFrame(WebSocketFrame.binaryFrame(bytes, true));
                }

                @Override
                public void end(Buffer last) {
                    ws.writeFrame(WebSocketFrame.binaryFrame(last, true));
                    ws.close((short) 1000, "stream ended");
                }

                @Override
                public void abort() {
                    ws.close((short) 1008, "too slow");
                }
            }, formatIndex);
            ws.closeHandler(v -> viewer.detach());
            ws.exceptionHandler(e -> viewer.detach());
            ws.handler(b -> { }); // viewers have nothing to say
            stream.attach(viewer);
        }).onFailure(ctx::fail);
    }
}
