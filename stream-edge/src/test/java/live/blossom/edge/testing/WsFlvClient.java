package live.blossom.edge.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A small WebSocket-FLV client: binary frames in, an InputStream of FLV bytes out (for FFmpeg to decode). */
public final class WsFlvClient implements AutoCloseable {

    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>(10_000);
    private final WebSocketClient client;
    private volatile int binaryFrames;
    private WebSocket socket;

    public WsFlvClient(Vertx vertx, int port, String path) throws Exception {
        client = vertx.createWebSocketClient();
        // Handlers before connecting: the first frame (the FLV header) may arrive with the handshake.
        ClientWebSocket ws = client.webSocket();
        ws.binaryMessageHandler(b -> {
            binaryFrames++;
            frames.offer(b.getBytes());
        });
        ws.closeHandler(v -> frames.offer(END));
        socket = ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    public int binaryFrames() {
        return binaryFrames;
    }

    public InputStream input() {
        return new InputStream() {
            private byte[] cur = new byte[0];
            private int pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos >= cur.length) {
                    try {
                        byte[] next = frames.poll(10, TimeUnit.SECONDS);
                        if (next == null || next == END) {
                            return -1;
                        }
                        cur = next;
                        pos = 0;
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                int n = Math.min(len, cur.length - pos);
                System.arraycopy(cur, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}
