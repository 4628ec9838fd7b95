package live.blossom.edge.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import live.blossom.edge.EdgeKeys;
import live.blossom.edge.testing.EdgeNode;
import live.blossom.edge.testing.EdgeTestBed;
import live.blossom.edge.testing.FlvFixture;
import live.blossom.edge.testing.ReplayPublisher;
import live.blossom.platform.bootstrap.Platform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("HTTP-FLV and WebSocket-FLV players")
class FlvPlayTest {

    @TempDir
    static Path dir;
    static EdgeTestBed bed;

    @BeforeAll
    static void start() throws Exception {
        bed = EdgeTestBed.open(EdgeNode.start(dir.resolve("node"), "30s",
                EdgeNode.ANYONE_MAY_PUBLISH,
                c -> c.with(EdgeKeys.HLS_ENABLED, false).with(EdgeKeys.RECORD_ENABLED, false)
                        .with(EdgeKeys.THUMBNAIL_INTERVAL, "0s")),
                dir.resolve("fixture.flv"), 2, 15, 300_000);
    }

    @AfterAll
    static void stop() {
        if (bed != null) {
            bed.close();
        }
    }

    static ReplayPublisher goLive(String stream) throws Exception {
        ReplayPublisher host = ReplayPublisher.connect(bed.clients, bed.node.edge.rtmpPort(), stream, bed.recording).start();
        host.client().ready().get();
        await().until(() -> bed.node.edge.streams().find(stream) != null && host.sent() > 10);
        return host;
    }

    /** Sends a raw HTTP/1.1 request and reads until the server closes the connection. */
    static String exchange(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", bed.node.platform.httpPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    static String upgrade(String path) {
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    }

    @Test
    @DisplayName("answers HTTP-FLV of a stream that is not live with 404 and a JSON {error, message}")
    void httpFlvNotLive() {
        var response = Platform.await(bed.node.http.get("/live/nobody-here.flv").send(), "play");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.getHeader("Content-Type")).startsWith("application/json");
        JsonObject error = response.bodyAsJsonObject();
        assertThat(error.getString("error")).isEqualTo("stream_not_live");
        assertThat(error.getString("message")).isNotBlank();
    }

    @Test
    @DisplayName("answers a WebSocket-FLV upgrade for a stream that is not live with 404 and a JSON {error, message}")
    void wsFlvNotLive() throws Exception {
        String answer = exchange(upgrade("/live/nobody-here.ws").replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 404");
        assertThat(answer).contains("\"error\":\"stream_not_live\"").contains("\"message\":");
    }

    @Test
    @DisplayName("answers a plain GET of a live stream's WebSocket-FLV URL with 400 websocket_expected")
    void wsFlvWithoutUpgrade() throws Exception {
        ReplayPublisher host = goLive("plain-get");
        var response = Platform.await(bed.node.http.get("/live/plain-get.ws").send(), "plain get");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("websocket_expected");
        host.client().stop();
    }

    @Test
    @DisplayName("plays HTTP-FLV as a chunked video/x-flv body, uncached, open to any origin, ended by the last chunk")
    void httpFlvHeadAndCleanEnd() throws Exception {
        ReplayPublisher host = goLive("http-end");
        bed.clients.schedule(() -> host.client().stop(), 1500, java.util.concurrent.TimeUnit.MILLISECONDS);
        String answer = exchange("GET /live/http-end.flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).startsWith("http/1.1 200")
                .contains("content-type: video/x-flv")
                .contains("transfer-encoding: chunked")
                .contains("cache-control: no-cache, no-store")
                .contains("access-control-allow-origin: *");
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
        String firstChunk = body.substring(body.indexOf("\r\n") + 2);
        assertThat(firstChunk).as("the body is an FLV file").startsWith("FLV");
        assertThat(body).as("the stream's end is the terminating chunk, then the connection closes").endsWith("\r\n0\r\n\r\n");
    }

    @Test
    @DisplayName("plays WebSocket-FLV: answers a ping with a pong and closes with 1000 \"stream ended\" at the end")
    void wsFlvPingAndEnd() throws Exception {
        ReplayPublisher host = goLive("ws-end");
        WebSocketClient client = bed.node.platform.vertx().createWebSocketClient();
        try {
            // Handlers before connecting: the first frame may arrive with the handshake's answer.
            ClientWebSocket ws = client.webSocket();
            AtomicReference<Buffer> firstFrame = new AtomicReference<>();
            AtomicReference<Buffer> pong = new AtomicReference<>();
            AtomicReference<String> closed = new AtomicReference<>();
            ws.binaryMessageHandler(b -> firstFrame.compareAndSet(null, b));
            ws.pongHandler(pong::set);
            ws.closeHandler(v -> closed.set(ws.closeStatusCode() + " " + ws.closeReason()));
            ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(bed.node.platform.httpPort())
                    .setURI("/live/ws-end.ws")).toCompletionStage().toCompletableFuture().get();
            await().until(() -> firstFrame.get() != null);
            assertThat(firstFrame.get().getString(0, 3)).isEqualTo("FLV");

            ws.writePing(Buffer.buffer("are you there"));
            await().until(() -> pong.get() != null);
            assertThat(pong.get().toString()).isEqualTo("are you there");

            host.client().stop();
            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
            assertThat(closed.get()).isEqualTo("1000 stream ended");
        } finally {
            client.close();
        }
    }

    @Test
    @DisplayName("sends WebSocket-FLV in frames of at most 64 KiB, however large the GOP a new player starts with")
    void wsFlvFrameSize() throws Exception {
        List<FlvFixture.Tag> heavy = FlvFixture.record(dir.resolve("heavy.flv"), 2, 15, 4_000_000);
        ReplayPublisher host = ReplayPublisher.connect(bed.clients, bed.node.edge.rtmpPort(), "heavy", heavy).start();
        host.client().ready().get();
        await().until(() -> bed.node.edge.streams().find("heavy") != null && host.sent() > 40);
        WebSocketClient client = bed.node.platform.vertx().createWebSocketClient(); // takes frames of up to 64 KiB
        try {
            ClientWebSocket ws = client.webSocket();
            AtomicLong bytes = new AtomicLong();
            AtomicInteger largest = new AtomicInteger();
            ws.frameHandler(frame -> {
                bytes.addAndGet(frame.binaryData().length());
                largest.accumulateAndGet(frame.binaryData().length(), Math::max);
            });
            ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(bed.node.platform.httpPort())
                    .setURI("/live/heavy.ws")).toCompletionStage().toCompletableFuture().get();
            await().atMost(Duration.ofSeconds(20)).until(() -> bytes.get() > 400_000 || ws.isClosed());
            assertThat(ws.isClosed()).as("the player's connection stays open").isFalse();
            assertThat(largest.get()).isLessThanOrEqualTo(WsFlvSink.MAX_FRAME);
        } finally {
            client.close();
            host.client().stop();
        }
    }
}
