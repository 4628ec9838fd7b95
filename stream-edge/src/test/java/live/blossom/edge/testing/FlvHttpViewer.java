package live.blossom.edge.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import live.blossom.edge.flv.FlvReader;

/** An HTTP-FLV viewer that parses tags as they arrive and notices the end of the stream. */
public final class FlvHttpViewer implements AutoCloseable {

    /** A received tag: type and timestamp. */
    public record Seen(int type, long timestamp, boolean keyframe) {
    }

    public final List<Seen> tags = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean ended;
    private volatile int status;
    private volatile InputStream body;

    public FlvHttpViewer(String url) {
        thread = new Thread(() -> run(url), "flv-viewer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(String url) {
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            body = response.body();
            FlvReader reader = new FlvReader(16 << 20);
            ByteBuf pending = Unpooled.buffer();
            byte[] chunk = new byte[65536];
            int n;
            while ((n = body.read(chunk)) >= 0) {
                pending.writeBytes(chunk, 0, n);
                reader.read(pending, (type, ts, payload) -> tags.add(new Seen(type, ts,
                        type == 9 && (payload.getByte(payload.readerIndex()) & 0xF0) == 0x10)));
                pending.discardReadBytes();
            }
        } catch (Exception e) {
            // connection reset counts as an end too, but not a clean one
        } finally {
            ended = true;
        }
    }

    public int status() {
        return status;
    }

    public boolean ended() {
        return ended;
    }

    public long videoTags() {
        return tags.stream().filter(t -> t.type() == 9).count();
    }

    @Override
    public void close() throws Exception {
        InputStream b = body;
        if (b != null) {
            b.close();
        }
        thread.interrupt();
    }
}
