package live.blossom.edge.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import live.blossom.edge.rtmp.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Event loop, tags and recording viewers for the viewer group's tests. */
abstract class ViewerGroupFixture {

    EventLoopGroup loops;
    EventLoop loop;
    final List<MediaTag> made = new ArrayList<>();
    long clock;

    @BeforeEach
    void start() {
        loops = Transport.loops(1);
        loop = loops.next();
    }

    @AfterEach
    void stop() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        // Every reference the group was handed has been released, delivered or dropped.
        assertThat(made).allSatisfy(tag -> assertThat(tag.refCnt()).isZero());
    }

    /** Records what it is given: one entry per write-and-flush, holding the tags' timestamps. */
    static final class RecordingViewer extends Viewer {
        final List<List<Long>> writes = new CopyOnWriteArrayList<>();
        final long delayMillis;
        final Runnable onCommit;
        private List<Long> current;

        RecordingViewer(EventLoop loop, long delayMillis, Runnable onCommit) {
            super(loop, "test");
            this.delayMillis = delayMillis;
            this.onCommit = onCommit;
        }

        List<Long> delivered() {
            return writes.stream().flatMap(List::stream).toList();
        }

        @Override
        protected boolean writable() {
            return true;
        }

        @Override
        protected void begin(int count) {
            current = new ArrayList<>(count);
        }

        @Override
        protected void append(MediaTag tag, long timestamp) {
            current.add(tag.timestamp());
        }

        @Override
        protected void commit() {
            writes.add(current);
            onCommit.run();
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis); // a write to many viewers takes a while
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        protected void finish() {
        }

        @Override
        protected void disconnect(String reason) {
            disconnected = reason;
        }

        volatile String disconnected;
    }

    MediaTag tag(boolean keyframe, boolean config) {
        MediaTag tag = new MediaTag(TagKind.VIDEO, clock++, 1, keyframe, config, Unpooled.buffer(4).writeInt(1), 0);
        made.add(tag);
        return tag;
    }

    /** A one-tag batch, retained for the group as the stream does (the stream's own reference released). */
    List<MediaTag> batch(MediaTag tag) {
        return List.of(tag);
    }

    void blockLoop(CountDownLatch release) {
        loop.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A viewer that has joined the group and received its backlog (a keyframe at 0). */
    RecordingViewer joined(ViewerGroup group) {
        RecordingViewer viewer = new RecordingViewer(loop, 0, () -> { });
        group.offerJoin(viewer, List.of(tag(true, false)));
        await().until(() -> viewer.writes.size() == 1);
        return viewer;
    }

    /**
     * Adds {@code count} recording viewers to the group, all with one backlog keyframe, into
     * {@code viewers} in join order; returns once each has had its backlog, with its timestamp.
     */
    long joinMany(ViewerGroup group, int count, Runnable onCommit, List<RecordingViewer> viewers) {
        MediaTag start = tag(true, false);
        start.retain(count - 1);
        for (int i = 0; i < count; i++) {
            viewers.add(new RecordingViewer(loop, 0, onCommit));
        }
        viewers.forEach(v -> group.offerJoin(v, List.of(start)));
        await().until(() -> viewers.stream().noneMatch(v -> v.writes.isEmpty()));
        return start.timestamp();
    }

    /** Keeps the loop's thread busy, as a write to a socket does. */
    static void busyFor(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
