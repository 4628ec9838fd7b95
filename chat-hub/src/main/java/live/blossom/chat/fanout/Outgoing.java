package live.blossom.chat.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import live.blossom.chat.protocol.ServerFrames;
import live.blossom.chat.room.ChatItem;

/**
 * A frame on its way to one loop's viewers of a room: a batch (in sequence) for the viewers of
 * some buckets, or a presence frame for all. Lives on that loop, which writes it slice by slice.
 */
final class Outgoing {

    /** The batch the frame holds; null for a presence frame. */
    final Batch batch;
    final SharedFrame frame;
    final int fromBucket;
    final int toBucket;
    /** The viewers it goes to, taken when its writing starts; null until then. */
    Viewer[] to;
    /** How many viewers it was meant for when queued. */
    long planned;
    /** How many of them have been written to. */
    int next;
    long now;
    /** The last own frame built: viewers who joined together need the same one. */
    private Own own;

    Outgoing(Batch batch, ByteBuf frame, int fromBucket, int toBucket) {
        this.batch = batch;
        this.frame = new SharedFrame(frame);
        this.fromBucket = fromBucket;
        this.toBucket = toBucket;
    }

    /**
     * What a viewer whose next sequence is {@code from}, not where this batch starts, gets
     * instead: a batch from {@code from} to this one's end, with the items before this batch
     * taken from the {@code recent} batches, and whatever is no longer among them reported as
     * missed.
     */
    Own own(long from, String room, Deque<Batch> recent) {
        if (own == null || own.from() != from) {
            if (own != null) {
                own.frame().release();
            }
            own = build(from, room, recent);
        }
        return own;
    }

    private Own build(long from, String room, Deque<Batch> recent) {
        long start = from;
        List<ChatItem> items = new ArrayList<>();
        if (from < batch.first()) {
            Batch oldest = recent.peekFirst();
            start = Math.max(from, oldest == null ? batch.first() : Math.min(oldest.first(), batch.first()));
            for (Batch b : recent) {
                if (b.last() < start || b.first() >= batch.first()) {
                    continue;
                }
                for (ChatItem item : b.items()) {
                    if (item.seq() >= start && item.seq() < batch.first()) {
                        items.add(item);
                    }
                }
            }
        }
        for (ChatItem item : batch.items()) {
            if (item.seq() >= start) {
                items.add(item);
            }
        }
        // Encoded once and shared like the batch's own frame: a loop that merged a waiting batch
        // into this one sends it to a whole phase (or room) of viewers.
        ByteBuf encoded = WebSocketFrames.text(PooledByteBufAllocator.DEFAULT,
                ServerFrames.batch(room, start, batch.last(), items, null));
        return new Own(from, new SharedFrame(encoded), items.size(), from, start - 1);
    }

    void release() {
        frame.release();
        if (own != null) {
            own.frame().release();
            own = null;
        }
    }

    /** A viewer's own frame; {@code missedFrom..missedTo} is empty unless history ran out. */
    record Own(long from, SharedFrame frame, int items, long missedFrom, long missedTo) {
    }
}
