package live.blossom.load.chat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.nio.ByteBuffer;

/**
 * The batch frames one swarm thread read last, remembered by their exact payload bytes with what
 * the swarm needs from them, read once.
 *
 * <p>A node writes the same bytes to all its viewers of a batch, and one swarm thread holds
 * thousands of them. Inflating and scanning a 15 kB batch for every viewer took the swarm's share
 * of the two cores from the node: zlib was 30 % of the swarm's CPU in one profile of the
 * 100,000-viewer room, and later the scan for send stamps 15 %. A payload equal to a remembered
 * one, byte for byte, is the same batch, so only its sequences and stamps are looked up; every
 * viewer still receives its own frame and has its own sequence checked.
 */
final class RecentBatches {

    /** What the swarm reads from a batch: its sequence range, lines left out, and each line's send time. */
    record Batch(long first, long last, long skipped, long[] stamps) {

        /** Reads a batch from its text; null if the text is not a batch. */
        static Batch of(ByteBuf text) {
            if (!FrameScan.startsWith(text, FrameScan.BATCH)) {
                return null;
            }
            int at = FrameScan.after(text, FrameScan.FIRST, text.readerIndex());
            long first = FrameScan.number(text, at);
            at = FrameScan.after(text, FrameScan.LAST, at);
            long last = FrameScan.number(text, at);
            at = FrameScan.after(text, FrameScan.SKIPPED, at);
            long skipped = FrameScan.number(text, at);
            return new Batch(first, last, skipped, FrameScan.stamps(text, at));
        }
    }

    /** Distinct batches remembered per thread: a few event loops' copies of the current one. */
    private static final int REMEMBERED = 4;
    private static final FastThreadLocal<RecentBatches> PER_THREAD = new FastThreadLocal<>() {
        @Override
        protected RecentBatches initialValue() {
            return new RecentBatches();
        }
    };

    private final byte[][] payloads = new byte[REMEMBERED][];
    private final Batch[] batches = new Batch[REMEMBERED];
    private int nextSlot;

    private RecentBatches() {
    }

    /** The remembered batch whose payload is {@code payload}, or null. */
    static Batch lookup(ByteBuf payload) {
        return PER_THREAD.get().find(payload);
    }

    /** Remembers {@code batch} as the one whose payload is {@code payload}. */
    static void remember(ByteBuf payload, Batch batch) {
        PER_THREAD.get().put(payload, batch);
    }

    private Batch find(ByteBuf payload) {
        int length = payload.readableBytes();
        ByteBuffer wire = null;
        for (int i = 0; i < REMEMBERED; i++) {
            byte[] p = payloads[i];
            if (p != null && p.length == length) {
                if (wire == null) {
                    wire = payload.nioBuffer(); // its equals compares whole words at a time
                }
                if (wire.equals(ByteBuffer.wrap(p))) {
                    return batches[i];
                }
            }
        }
        return null;
    }

    private void put(ByteBuf payload, Batch batch) {
        int slot = nextSlot;
        nextSlot = (nextSlot + 1) % REMEMBERED;
        payloads[slot] = ByteBufUtil.getBytes(payload);
        batches[slot] = batch;
    }
}
