package live.blossom.edge.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream in the relay: cached metadata and sequence headers, the GOP cache, the viewers
 * grouped by event loop, and the continuous timeline that survives publisher reconnects.
 * Every field is confined to {@link #loop()}; public methods hop there.
 *
 * <p>Tags are collected into a batch that is handed to each viewer group at once (through the
 * group's inbox, one write and flush per viewer), the way SRS merges writes. A batch goes when a
 * video tag arrives, with the audio and data tags that came before it: a player shows pictures, so
 * holding a frame back only adds latency, and audio riding along with the next frame saves a
 * write per viewer. A batch without video (audio-only streams, a pause in the picture) goes when
 * the merge window since its first tag ends. With {@link RelaySettings#videoEndsBatch()} off,
 * every batch waits for its window: fewer, larger writes for up to one window of latency.
 */
public final class LiveStream {

    private static final Logger log = LoggerFactory.getLogger(LiveStream.class);

    enum State { LIVE, ORPHANED, ENDED }

    private final String name;
    private final EventLoop loop;
    private final RelaySettings settings;
    private final OutputFormat[] formats;
    private final ByteBufAllocator alloc;
    private final StreamRegistry registry;
    private final GopCache gop;
    private final StreamStats stats = new StreamStats();
    private final Map<EventLoop, ViewerGroup> groups = new IdentityHashMap<>();
    private List<MediaTag> pending = new ArrayList<>();
    private long pendingDeadline; // System.nanoTime() by which the pending batch goes
    private boolean timerArmed;
    private volatile State state = State.LIVE;
    private MediaTag metadata;
    private MediaTag videoConfig;
    private MediaTag audioConfig;
    private boolean hasVideo;
    // Timeline: a session's timestamps are shifted so that the stream's never go back.
    private long offset;
    private boolean sessionStarted;
    private long lastTimestamp = -1;
    /** Timeline position of the last audio and video tag (by {@link TagKind#ordinal()}), -1 before the first. */
    private final long[] lastOfKind = {-1, -1, -1};
    private ScheduledFuture<?> graceTimer;
    private volatile Object publisher;

    LiveStream(String name, EventLoop loop, RelaySettings settings, OutputFormat[] formats, ByteBufAllocator alloc,
            StreamRegistry registry, Object publisher) {
        this.name = name;
        this.loop = loop;
        this.settings = settings;
        this.formats = formats;
        this.alloc = alloc;
        this.registry = registry;
        this.publisher = publisher;
        this.gop = new GopCache(settings.gopMaxBytes(), settings.gopMaxDuration().toMillis());
    }

    public String name() {
        return name;
    }

    public EventLoop loop() {
        return loop;
    }

    public StreamStats stats() {
        return stats;
    }

    /** True while a publisher is attached or the grace period after a drop runs. */
    public boolean isLive() {
        return state != State.ENDED;
    }

    /** True while the publisher is attached (not in a grace period). */
    public boolean isPublishing() {
        return state == State.LIVE;
    }

    // ---- publisher side (called through Publication) ----

    synchronized boolean claim(Object newPublisher) {
        if (state != State.ORPHANED) {
            return false;
        }
        state = State.LIVE;
        publisher = newPublisher;
        Runnable resume = () -> {
            if (graceTimer != null) {
                graceTimer.cancel(false);
                graceTimer = null;
            }
            sessionStarted = false;
            gop.clear(); // the old session's frames would precede the new sequence headers
            log.info("stream resumed name={}", name);
        };
        // Before any tag of the new session: run now on the loop, or queue ahead of its tags.
        if (loop.inEventLoop()) {
            resume.run();
        } else {
            loop.execute(resume);
        }
        return true;
    }

    synchronized boolean owns(Object candidate) {
        return publisher == candidate && state == State.LIVE;
    }

    void ingest(Object from, TagKind kind, long timestamp, ByteBuf payload) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> ingest(from, kind, timestamp, payload));
            return;
        }
        if (publisher != from || state != State.LIVE) {
            payload.release();
            return;
        }
        if (!sessionStarted) {
            sessionStarted = true;
            offset = lastTimestamp < 0 ? -timestamp : lastTimestamp + 1 - timestamp;
        }
        long ts = Math.max(0, timestamp + offset);
        if (ts > lastTimestamp) {
            lastTimestamp = ts;
        }
        boolean config;
        boolean keyframe;
        switch (kind) {
            case VIDEO -> {
                hasVideo = true;
                config = TagClassifier.isVideoConfig(payload);
                keyframe = !config && TagClassifier.isKeyframe(payload);
                stats.ingested(payload.readableBytes(), !config);
                if (config) {
                    stats.codecs(TagClassifier.videoCodec(payload), null);
                }
            }
            case AUDIO -> {
                config = TagClassifier.isAudioConfig(payload);
                keyframe = !config && !hasVideo; // audio-only streams can start anywhere
                stats.ingested(payload.readableBytes(), false);
                if (config) {
                    stats.codecs(null, TagClassifier.audioCodec(payload));
                }
            }
            default -> {
                config = true;
                keyframe = false;
            }
        }
        long sincePrevious = -1;
        if (kind == TagKind.VIDEO || kind == TagKind.AUDIO) {
            int k = kind.ordinal();
            sincePrevious = lastOfKind[k] < 0 ? -1 : ts - lastOfKind[k];
            lastOfKind[k] = ts;
        }
        MediaTag tag = new MediaTag(kind, ts, sincePrevious, keyframe, config, payload, formats.length);
        tag.encode(formats, alloc);
        if (config) {
            switch (kind) {
                case VIDEO -> videoConfig = replace(videoConfig, tag);
                case AUDIO -> audioConfig = replace(audioConfig, tag);
                default -> metadata = replace(metadata, tag);
            }
        } else {
            gop.add(tag);
        }
        boolean first = pending.isEmpty();
        pending.add(tag); // the batch takes over our reference
        long window = settings.mergeWindow().toNanos();
        if ((kind == TagKind.VIDEO && settings.videoEndsBatch()) || window == 0) {
            flush();
        } else if (first) {
            pendingDeadline = System.nanoTime() + window;
            if (!timerArmed) {
                timerArmed = true;
                loop.schedule(this::windowEnds, window, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * The timer of a batch that may have gone already with a video tag: then a later batch may be
     * pending, whose own window ends later. One timer at a time, never cancelled (a cancel costs
     * as much as the wake-up it saves).
     */
    private void windowEnds() {
        timerArmed = false;
        if (pending.isEmpty()) {
            return;
        }
        long left = pendingDeadline - System.nanoTime();
        if (left > 0) {
            timerArmed = true;
            loop.schedule(this::windowEnds, left, TimeUnit.NANOSECONDS);
        } else {
            flush();
        }
    }

    void metadataValues(Map<?, ?> values) {
        loop.execute(() -> stats.metadata(values));
    }

    private static MediaTag replace(MediaTag old, MediaTag next) {
        if (old != null) {
            old.release();
        }
        if (next != null) {
            next.retain();
        }
        return next;
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<MediaTag> batch = pending;
        pending = new ArrayList<>(Math.max(8, batch.size()));
        for (ViewerGroup group : groups.values()) {
            for (MediaTag tag : batch) {
                tag.retain();
            }
            group.offerBatch(batch);
        }
        for (MediaTag tag : batch) {
            tag.release();
        }
    }

    /** The publisher's connection is gone: keep viewers for the grace period, then end. */
    void orphan(Object from) {
        synchronized (this) {
            if (publisher != from || state != State.LIVE) {
                return;
            }
            state = State.ORPHANED;
            publisher = null;
        }
        loop.execute(() -> {
            flush();
            long millis = settings.grace().toMillis();
            log.info("publisher lost name={} grace_ms={}", name, millis);
            graceTimer = loop.schedule(() -> {
                if (state == State.ORPHANED) {
                    log.info("grace period over name={}", name);
                    endNow();
                }
            }, millis, TimeUnit.MILLISECONDS);
        });
    }

    /** The publisher ended on purpose (unpublish, or its permit ran out): end for everyone now. */
    void end(Object from) {
        synchronized (this) {
            if (publisher != from || state != State.LIVE) {
                return;
            }
        }
        loop.execute(this::endNow);
    }

    /** Ends the stream regardless of its publisher (shutdown). */
    public void shutdown() {
        loop.execute(this::endNow);
    }

    private void endNow() {
        synchronized (this) {
            if (state == State.ENDED) {
                return;
            }
            state = State.ENDED;
            publisher = null;
        }
        flush();
        registry.ended(this);
        for (ViewerGroup group : groups.values()) {
            group.offerEnd();
        }
        groups.clear();
        gop.clear();
        metadata = replace(metadata, null);
        videoConfig = replace(videoConfig, null);
        audioConfig = replace(audioConfig, null);
        log.info("stream ended name={} bytes_in={}", name, stats.bytesIn());
    }

    // ---- viewer side ----

    /** Adds a viewer: it gets metadata, sequence headers and the cached GOP at once. */
    public void attach(Viewer viewer) {
        viewer.attached(this, settings.stuckLimit().toNanos());
        loop.execute(() -> {
            if (state == State.ENDED) {
                viewer.loop().execute(viewer::end);
                return;
            }
            flush(); // pending tags go to existing viewers first; the newcomer's backlog follows the GOP
            List<MediaTag> backlog = new ArrayList<>(gop.size() + 3);
            for (MediaTag config : new MediaTag[] {metadata, videoConfig, audioConfig}) {
                if (config != null) {
                    backlog.add((MediaTag) config.retain());
                }
            }
            backlog.addAll(gop.snapshot());
            ViewerGroup group = groups.computeIfAbsent(viewer.loop(), ViewerGroup::new);
            stats.viewerJoined(viewer.protocol());
            group.offerJoin(viewer, backlog);
        });
    }

    /** Called on the viewer's loop when it leaves. */
    void detach(Viewer viewer) {
        stats.viewerLeft(viewer.protocol());
        // Groups are looked up on the stream's loop; removal runs on the viewer's loop.
        loop.execute(() -> {
            ViewerGroup g = groups.get(viewer.loop());
            if (g != null) {
                viewer.loop().execute(() -> g.remove(viewer));
            }
        });
    }

    /**
     * The video sequence header and the latest keyframe (each retained for the caller), for a
     * thumbnail; empty when there is no keyframe yet.
     */
    public java.util.concurrent.CompletableFuture<List<MediaTag>> keyframeSnapshot() {
        java.util.concurrent.CompletableFuture<List<MediaTag>> out = new java.util.concurrent.CompletableFuture<>();
        loop.execute(() -> {
            List<MediaTag> tags = new ArrayList<>(2);
            List<MediaTag> cached = gop.snapshot();
            if (videoConfig != null && !cached.isEmpty() && cached.get(0).keyframe()
                    && cached.get(0).kind() == TagKind.VIDEO) {
                tags.add((MediaTag) videoConfig.retain());
                tags.add((MediaTag) cached.get(0).retain());
            }
            cached.forEach(MediaTag::release);
            out.complete(tags);
        });
        return out;
    }

    /** Milliseconds of the newest tag on the stream's timeline. */
    long lastTimestamp() {
        return lastTimestamp;
    }
}
