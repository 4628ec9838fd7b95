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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import live.blossom.edge.rtmp.Transport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A viewer group on a busy event loop")
class ViewerGroupBusyLoopTest extends ViewerGroupFixture {

    @Test
    @DisplayName("while batches keep coming faster than a busy loop writes them, the loop still reads its sockets between writes")
    void socketsAreReadBetweenDeliveries() throws Exception {
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger deliveriesWhenRead = new AtomicInteger(-1);
        AtomicInteger reads = new AtomicInteger();
        try (LoopConnection connection = new LoopConnection(loop, loops, () -> {
            if (reads.incrementAndGet() == 2) {
                deliveriesWhenRead.set(deliveries.get());
            }
        })) {
            Channel client = connection.client;
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
        }
    }

    @Test
    @DisplayName("a frame for many viewers is written a slice of them at a time: the loop reads its sockets between slices, and each viewer still gets each frame once, in order")
    void aRoundIsWrittenInSlices() throws Exception {
        AtomicInteger deliveries = new AtomicInteger();
        AtomicInteger deliveriesWhenRead = new AtomicInteger(-1);
        try (LoopConnection connection = new LoopConnection(loop, loops,
                () -> deliveriesWhenRead.compareAndSet(-1, deliveries.get()))) {
            Channel client = connection.client;
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

    /** A connection whose server side lives on the group's loop; {@code onRead} runs there for each read. */
    private static final class LoopConnection implements AutoCloseable {
        final Channel client;
        private final Channel server;
        private final EventLoopGroup clientLoops = Transport.loops(1);

        LoopConnection(EventLoop loop, EventLoopGroup loops, Runnable onRead) throws InterruptedException {
            server = new ServerBootstrap().group(loop).channel(Transport.serverChannel(loops))
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ReferenceCountUtil.release(msg);
                            onRead.run();
                        }
                    }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            client = new Bootstrap().group(clientLoops).channel(Transport.socketChannel(clientLoops))
                    .handler(new ChannelInboundHandlerAdapter()).connect(server.localAddress()).sync().channel();
        }

        @Override
        public void close() throws InterruptedException {
            client.close().sync();
            server.close().sync();
            clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
