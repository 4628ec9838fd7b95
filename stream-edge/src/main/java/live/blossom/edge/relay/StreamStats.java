package live.blossom.edge.relay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@code GET /api/streams} and the metrics show of a live stream. Written by the stream's
 * loop (codec facts, counters) and by viewer loops (viewer counts); read from anywhere.
 */
public final class StreamStats {

    private final long startedAtMillis = System.currentTimeMillis();
    private final Map<String, AtomicInteger> viewers = new ConcurrentHashMap<>();
    private final LongAdder skipped = new LongAdder();
    private volatile String videoCodec = "";
    private volatile String audioCodec = "";
    private volatile int width;
    private volatile int height;
    private volatile double metadataFps;
    private volatile long bytesIn;
    private volatile long videoFrames;
    // One-second windows for the measured rates.
    private long windowStart = System.nanoTime();
    private long windowBytes;
    private long windowFrames;
    private volatile double bitrateKbps;
    private volatile double measuredFps;

    public long startedAtMillis() {
        return startedAtMillis;
    }

    public String videoCodec() {
        return videoCodec;
    }

    public String audioCodec() {
        return audioCodec;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public double fps() {
        return measuredFps > 0 ? measuredFps : metadataFps;
    }

    public double bitrateKbps() {
        return bitrateKbps;
    }

    public long bytesIn() {
        return bytesIn;
    }

    public long skippedTags() {
        return skipped.sum();
    }

    /** Viewers by protocol (internal consumers such as HLS included under their own name). */
    public Map<String, Integer> viewers() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        viewers.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    public int viewerCount(String protocol) {
        AtomicInteger n = viewers.get(protocol);
        return n == null ? 0 : n.get();
    }

    void viewerJoined(String protocol) {
        viewers.computeIfAbsent(protocol, p -> new AtomicInteger()).incrementAndGet();
    }

    void viewerLeft(String protocol) {
        AtomicInteger n = viewers.get(protocol);
        if (n != null) {
            n.decrementAndGet();
        }
    }

    void skipped(int tags) {
        skipped.add(tags);
    }

    void codecs(String video, String audio) {
        if (video != null) {
            videoCodec = video;
        }
        if (audio != null) {
            audioCodec = audio;
        }
    }

    void metadata(Map<?, ?> meta) {
        if (meta.get("width") instanceof Number w) {
            width = w.intValue();
        }
        if (meta.get("height") instanceof Number h) {
            height = h.intValue();
        }
        if (meta.get("framerate") instanceof Number f) {
            metadataFps = f.doubleValue();
        }
    }

    void ingested(int bytes, boolean video) {
        bytesIn += bytes;
        windowBytes += bytes;
        if (video) {
            videoFrames++;
            windowFrames++;
        }
        long now = System.nanoTime();
        long elapsed = now - windowStart;
        if (elapsed >= 1_000_000_000L) {
            bitrateKbps = windowBytes * 8.0 / 1000.0 / (elapsed / 1e9);
            measuredFps = windowFrames / (elapsed / 1e9);
            windowBytes = 0;
            windowFrames = 0;
            windowStart = now;
        }
    }

    public long videoFrames() {
        return videoFrames;
    }
}
