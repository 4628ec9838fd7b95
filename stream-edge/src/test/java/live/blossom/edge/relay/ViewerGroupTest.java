package live.blossom.edge.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import live.blossom.edge.rtmp.Transport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A viewer group's inbox on a busy event loop")
class ViewerGroupTest {

    private EventLoopGroup loops;
    private EventLoop loop;
    private final List<MediaTag> made = new ArrayList<>();
    private long clock;

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
    private static final class RecordingViewer extends Viewer {
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

    private MediaTag tag(boolean keyframe, boolean config) {
        MediaTag tag = new MediaTag(TagKind.VIDEO, clock++, keyframe, config, Unpooled.buffer(4).writeInt(1), 0);
        made.add(tag);
        return tag;
    }

    /** A one-tag batch, retained for the group as the stream does (the stream's own reference released). */
    private List<MediaTag> batch(MediaTag tag) {
        return List.of(tag);
    }

    private void blockLoop(CountDownLatch release) {
        loop.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** A viewer that has joined the group and received its backlog (a keyframe at 0). */
    private RecordingViewer joined(ViewerGroup group) {
        RecordingViewer viewer = new RecordingViewer(loop, 0, () -> { });
        group.offerJoin(viewer, List.of(tag(true, false)));
        await().until(() -> viewer.writes.size() == 1);
        return viewer;
    }

    @Test
    @DisplayName("batches that queue up while the loop is busy reach each viewer merged into one write, in order")
    void queuedBatchesAreMerged() {
        ViewerGroup group = new ViewerGroup(loop);
        RecordingViewer viewer = joined(group);
        CountDownLatch release = new CountDownLatch(1);
        blockLoop(release);
        for (int i = 0; i < 5; i++) {
            group.offerBatch(batch(tag(false, false)));
        }
        release.countDown();

        await().until(() -> viewer.writes.size() == 2);
        assertThat(viewer.writes.get(1)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    @DisplayName("a loop that falls too far behind drops frames, never sequence headers, and its viewers resume at a keyframe")
    void overrunSkipsToTheNextKeyframe() {
        ViewerGroup group = new ViewerGroup(loop);
        RecordingViewer viewer = joined(group);
        CountDownLatch release = new CountDownLatch(1);
        blockLoop(release);
        int kept = ViewerGroup.MAX_QUEUED_BATCHES;
        for (int i = 0; i < kept + 10; i++) {
            group.offerBatch(batch(tag(false, false))); // timestamps 1 .. kept + 10
        }
        long header = clock;
        group.offerBatch(batch(tag(false, true)));
        long lateFrame = clock;
        group.offerBatch(batch(tag(false, false)));
        release.countDown();
        await().until(() -> viewer.delivered().contains(header));
        // Caught up: the frames after the gap cannot be decoded without the dropped ones.
        long afterGap = clock;
        group.offerBatch(batch(tag(false, false)));
        long keyframe = clock;
        group.offerBatch(batch(tag(true, false)));

        await().until(() -> viewer.delivered().contains(keyframe));
        List<Long> expected = new ArrayList<>(List.of(0L));
        for (long ts = 1; ts <= kept; ts++) {
            expected.add(ts);
        }
        expected.add(header);
        expected.add(keyframe);
        assertThat(viewer.delivered()).containsExactlyElementsOf(expected).doesNotContain(lateFrame, afterGap);
    }

    @Test
    @DisplayName("a newcomer gets its backlog after the batches handed over before it, and only what follows")
    void joinKeepsItsPlaceInLine() {
        ViewerGroup group = new ViewerGroup(loop);
        RecordingViewer first = new RecordingViewer(loop, 0, () -> { });
        group.offerJoin(first, List.of(tag(true, false)));
        CountDownLatch release = new CountDownLatch(1);
        blockLoop(release);
        group.offerBatch(batch(tag(false, false)));
        RecordingViewer second = new RecordingViewer(loop, 0, () -> { });
        MediaTag backlogKey = tag(true, false);
        group.offerJoin(second, List.of(backlogKey));
        group.offerBatch(batch(tag(false, false)));
        release.countDown();

        await().until(() -> first.delivered().size() == 3 && second.delivered().size() == 2);
        assertThat(first.delivered()).containsExactly(0L, 1L, 3L);
        assertThat(second.delivered()).containsExactly(2L, 3L);
    }

    @Test
    @DisplayName("a viewer that fails loses its connection; the others keep getting every frame")
    void aFailingViewerDoesNotStopTheGroup() {
        ViewerGroup group = new ViewerGroup(loop);
        RecordingViewer before = new RecordingViewer(loop, 0, () -> { });
        RecordingViewer broken = new RecordingViewer(loop, 0, () -> {
            throw new IllegalStateException("a bug in one viewer");
        });
        RecordingViewer after = new RecordingViewer(loop, 0, () -> { });
        MediaTag start = tag(true, false);
        start.retain(2);
        group.offerJoin(before, List.of(start));
        group.offerJoin(broken, List.of(start));
        group.offerJoin(after, List.of(start));
        for (int i = 0; i < 3; i++) {
            group.offerBatch(batch(tag(false, false)));
        }
        await().until(() -> after.delivered().size() == 4 && before.delivered().size() == 4);
        assertThat(broken.disconnected).isNotNull();
        assertThat(broken.delivered()).containsExactly(0L);
        assertThat(after.delivered()).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    @DisplayName("under a steady flow of batches and newcomers, every viewer gets every frame after its start, once and in order")
    void steadyFlowReachesEveryone() {
        ViewerGroup group = new ViewerGroup(loop);
        List<RecordingViewer> viewers = new ArrayList<>();
        List<Long> joinedAt = new ArrayList<>();
        List<Long> batches = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            if (round % 2 == 0) {
                RecordingViewer v = new RecordingViewer(loop, 0, () -> { });
                viewers.add(v);
                joinedAt.add(clock);
                group.offerJoin(v, List.of(tag(true, false)));
            }
            batches.add(clock);
            group.offerBatch(batch(tag(round % 30 == 0, false)));
            if (round % 10 == 9) {
                // Keep within what the loop can take: far behind, it would drop frames by design.
                RecordingViewer first = viewers.get(0);
                long behind = clock - 20;
                await().until(() -> {
                    List<Long> got = first.delivered();
                    return !got.isEmpty() && got.get(got.size() - 1) >= behind;
                });
            }
        }
        long last = clock - 1;
        await().until(() -> viewers.stream().allMatch(v -> v.delivered().contains(last)));
        for (int i = 0; i < viewers.size(); i++) {
            // Its own backlog, then every batch handed over after it joined; the others' backlogs are theirs alone.
            long start = joinedAt.get(i);
            List<Long> expected = new ArrayList<>(List.of(start));
            batches.stream().filter(ts -> ts > start).forEach(expected::add);
            assertThat(viewers.get(i).delivered()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    @DisplayName("while batches keep coming faster than a busy loop writes them, the loop still reads its sockets between writes")
    void socketsAreReadBetweenDeliveries() throws Exception {
        // A connection whose server side lives on the group's loop.
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger deliveriesWhenRead = new AtomicInteger(-1);
        AtomicInteger reads = new AtomicInteger();
        Channel server = new ServerBootstrap().group(loop).channel(Transport.serverChannel(loops))
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                        if (reads.incrementAndGet() == 2) {
                            deliveriesWhenRead.set(deliveries.get());
                        }
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        EventLoopGroup clientLoops = Transport.loops(1);
        try {
            Channel client = new Bootstrap().group(clientLoops).channel(Transport.socketChannel(clientLoops))
                    .handler(new ChannelInboundHandlerAdapter()).connect(server.localAddress()).sync().channel();
            // The first write of a JVM loads the whole write path: done once before measuring.
            client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {0})).sync();
            await().until(() -> reads.get() == 1);
            AtomicInteger sentAfter = new AtomicInteger(-1);
            ViewerGroup group = new ViewerGroup(loop);
            // Each write round takes 5 ms and lets two more batches in: more than the loop writes,
            // so it is never idle. At the tenth the client sends a byte to the loop's socket.
            Semaphore room = new Semaphore(0);
            RecordingViewer viewer = new RecordingViewer(loop, 5, () -> {
                room.release(2);
                if (deliveries.incrementAndGet() == 10) {
                    sentAfter.set(10);
                    client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
                }
            });
            group.offerJoin(viewer, List.of(tag(true, false)));
            for (int i = 0; i < 300 && deliveriesWhenRead.get() < 0; i++) {
                assertThat(room.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
                group.offerBatch(batch(tag(false, false)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> deliveriesWhenRead.get() >= 0);
            // Read within a few I/O rounds of the write that sent it (the client needs a moment to send),
            // not after a second of queued writes (over a hundred of them).
            assertThat(deliveriesWhenRead.get()).isBetween(sentAfter.get(), sentAfter.get() + 5);
            // Nothing lost: every frame reached the viewer, in order, however the batches were merged.
            await().until(() -> viewer.delivered().size() == clock);
            assertThat(viewer.delivered()).isSorted().doesNotHaveDuplicates();
            client.close().sync();
        } finally {
            server.close().sync();
            clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Adds {@code count} recording viewers to the group, all with one backlog keyframe, into
     * {@code viewers} in join order; returns once each has had its backlog, with its timestamp.
     */
    private long joinMany(ViewerGroup group, int count, Runnable onCommit, List<RecordingViewer> viewers) {
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
    private static void busyFor(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    @Test
    @DisplayName("a frame for many viewers is written a slice of them at a time: the loop reads its sockets between slices, and each viewer still gets each frame once, in order")
    void aRoundIsWrittenInSlices() throws Exception {
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger deliveriesWhenRead = new AtomicInteger(-1);
        Channel server = new ServerBootstrap().group(loop).channel(Transport.serverChannel(loops))
                .childHandler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ReferenceCountUtil.release(msg);
                        deliveriesWhenRead.compareAndSet(-1, deliveries.get());
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        EventLoopGroup clientLoops = Transport.loops(1);
        try {
            Channel client = new Bootstrap().group(clientLoops).channel(Transport.socketChannel(clientLoops))
                    .handler(new ChannelInboundHandlerAdapter()).connect(server.localAddress()).sync().channel();
            ViewerGroup group = new ViewerGroup(loop);
            int count = ViewerGroup.SLICE * 4;
            AtomicBoolean measuring = new AtomicBoolean();
            List<RecordingViewer> viewers = new ArrayList<>();
            Runnable onCommit = () -> {
                if (!measuring.get()) {
                    return;
                }
                if (deliveries.incrementAndGet() == 1) {
                    // At the first viewer's write a request comes in, and the last viewer leaves.
                    client.writeAndFlush(Unpooled.wrappedBuffer(new byte[] {1}));
                    viewers.get(count - 1).detach();
                }
                busyFor(100_000); // a write to a real socket costs about a tenth of this
            };
            long start = joinMany(group, count, onCommit, viewers);
            measuring.set(true);
            long frame = clock;
            group.offerBatch(batch(tag(false, false)));
            group.offerBatch(batch(tag(false, false)));
            await().until(() -> viewers.get(count - 2).delivered().contains(frame + 1));

            // Read while the round was under way, not once the whole of it was written.
            assertThat(deliveriesWhenRead.get()).isBetween(1, count - ViewerGroup.SLICE);
            for (RecordingViewer v : viewers.subList(0, count - 1)) {
                assertThat(v.delivered()).containsExactly(start, frame, frame + 1);
            }
            assertThat(viewers.get(count - 1).delivered()).containsExactly(start);
            client.close().sync();
        } finally {
            server.close().sync();
            clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    @Test
    @DisplayName("a newcomer who arrives while a frame is being written to many viewers gets its backlog at once, then only the frames after it")
    void aNewcomerDoesNotWaitForTheRound() throws Exception {
        ViewerGroup group = new ViewerGroup(loop);
        int count = ViewerGroup.SLICE * 4;
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicInteger deliveries = new AtomicInteger();
        CountDownLatch roundStarted = new CountDownLatch(1);
        Runnable onCommit = () -> {
            if (measuring.get()) {
                deliveries.incrementAndGet();
                roundStarted.countDown();
                busyFor(100_000);
            }
        };
        List<RecordingViewer> viewers = new ArrayList<>();
        long start = joinMany(group, count, onCommit, viewers);
        measuring.set(true);
        long first = clock;
        group.offerBatch(batch(tag(false, false)));
        assertThat(roundStarted.await(10, TimeUnit.SECONDS)).isTrue();
        long second = clock;
        group.offerBatch(batch(tag(false, false))); // handed over after the round began, before the newcomer
        AtomicInteger deliveriesAtItsBacklog = new AtomicInteger(-1);
        RecordingViewer newcomer = new RecordingViewer(loop, 0, () -> deliveriesAtItsBacklog.compareAndSet(-1,
                deliveries.get()));
        MediaTag backlogKey = tag(true, false);
        group.offerJoin(newcomer, List.of(backlogKey));
        long third = clock;
        group.offerBatch(batch(tag(false, false)));

        await().until(() -> newcomer.delivered().contains(third)
                && viewers.stream().allMatch(v -> v.delivered().contains(third)));
        // Its backlog went out before the first frame's round reached everyone else.
        assertThat(deliveriesAtItsBacklog.get()).isBetween(0, count - 1);
        assertThat(newcomer.delivered()).containsExactly(backlogKey.timestamp(), third);
        for (RecordingViewer v : viewers) {
            assertThat(v.delivered()).containsExactly(start, first, second, third);
        }
    }
}
