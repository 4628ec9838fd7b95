package live.blossom.load.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Compiles the swarm's frame-reading path (WebSocket decoding, inflating, scanning a batch,
 * recording latencies) before the timed connect, by feeding server-shaped frames through the
 * same handlers in memory. The warm-up rounds only connect and join; without this, the six swarm
 * JVMs compiled the reading path all at once when the first batches reached the new viewers, and
 * their compiler threads took about a third of both cores in the middle of the connect storm.
 */
final class ReadPathWarmUp {

    static final int VIEWERS = 64;
    static final int LINES_PER_BATCH = 100;

    private ReadPathWarmUp() {
    }

    /**
     * Runs {@code batches} batches (Blossom's, compressed) or single lines (the baseline's) past
     * {@link #VIEWERS} viewers; returns what they counted.
     */
    static SwarmStats run(int batches, boolean blossom, int sampleEvery) {
        SwarmStats scratch = new SwarmStats();
        scratch.measuring = true;
        List<EmbeddedChannel> viewers = new ArrayList<>();
        for (int i = 0; i < VIEWERS; i++) {
            boolean sampled = sampleEvery > 0 && i % sampleEvery == 0;
            viewers.add(new EmbeddedChannel(new WebSocket08FrameDecoder(SwarmClient.DECODER),
                    new SwarmClient.ViewerHandler(scratch, sampled, ch -> { }, () -> { })));
        }
        long stamp = SwarmStats.nowMicros();
        ByteBuf joined = frame(0x81, text("{\"type\":\"joined\",\"room\":\"warm\",\"last\":0,\"epoch\":\"w4rm\"}"));
        for (EmbeddedChannel v : viewers) {
            v.writeInbound(joined.retainedDuplicate());
        }
        joined.release();
        for (int b = 0; b < batches; b++) {
            ByteBuf wire = blossom
                    ? frame(0xC1, deflated(batch(1 + (long) b * LINES_PER_BATCH, LINES_PER_BATCH, stamp)))
                    : frame(0x81, text("{\"type\":\"send\",\"room\":\"warm\",\"text\":\"t=" + stamp + "\"}"));
            for (EmbeddedChannel v : viewers) {
                v.writeInbound(wire.retainedDuplicate());
            }
            wire.release();
        }
        for (EmbeddedChannel v : viewers) {
            v.finishAndReleaseAll();
        }
        return scratch;
    }

    /** A batch of {@code lines} lines from sequence {@code first}, each stamped {@code stamp}, as a node writes it. */
    static String batch(long first, int lines, long stamp) {
        StringBuilder json = new StringBuilder("{\"type\":\"batch\",\"room\":\"warm\",\"first\":").append(first)
                .append(",\"last\":").append(first + lines - 1).append(",\"skipped\":0,\"messages\":[");
        for (int i = 0; i < lines; i++) {
            json.append(i == 0 ? "" : ",").append("{\"seq\":").append(first + i)
                    .append(",\"user\":\"warm\",\"text\":\"t=").append(stamp).append("\"}");
        }
        return json.append("]}").toString();
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Raw deflate with a sync flush, without the 00 00 ff ff tail, as RFC 7692 puts it on the wire. */
    static byte[] deflated(String s) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(text(s));
        byte[] out = new byte[s.length() + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        deflater.end();
        return java.util.Arrays.copyOf(out, n - 4);
    }

    /** An unmasked server frame: first byte, length, payload. */
    private static ByteBuf frame(int first, byte[] payload) {
        ByteBuf out = Unpooled.directBuffer(payload.length + 4);
        out.writeByte(first);
        if (payload.length < 126) {
            out.writeByte(payload.length);
        } else {
            out.writeByte(126).writeShort(payload.length);
        }
        return out.writeBytes(payload);
    }
}
