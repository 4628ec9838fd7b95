package live.blossom.chat.fanout;

import com.hazelcast.ringbuffer.ReadResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import live.blossom.chat.protocol.ServerFrames;
import live.blossom.chat.room.ChatItem;
import live.blossom.chat.room.RoomLog;

/**
 * Catches up a viewer that joins a {@link ViewerGroup} with the last sequence it saw: from the
 * group's recent batches or, if older, from the room's ring, chunk by chunk while the viewer is
 * writable, then it turns live at exactly the next sequence: no gap, no duplicate. Runs on the
 * group's loop.
 */
final class Catchup {

    private static final int HISTORY_CHUNK = 200;

    private final ViewerGroup group;
    private final RoomLog log;

    Catchup(ViewerGroup group, RoomLog log) {
        this.group = group;
        this.log = log;
    }

    /**
     * One catch-up step for {@code viewer}, from its next sequence; re-runs itself until the viewer
     * is at the live edge, where it turns live.
     */
    void recover(Viewer viewer) {
        if (viewer.left || viewer.out.isClosed()) {
            return;
        }
        if (viewer.nextExpected > group.lastDelivered()) {
            viewer.live = true;
            return;
        }
        if (!viewer.out.writable(System.nanoTime())) {
            group.loop.schedule(() -> recover(viewer), 50, TimeUnit.MILLISECONDS);
            return;
        }
        Batch oldest = group.recent().peekFirst();
        if (oldest != null && viewer.nextExpected >= oldest.first()) {
            sendFromRecent(viewer);
            group.loop.execute(() -> recover(viewer));
            return;
        }
        long from = viewer.nextExpected;
        CompletionStage<ReadResultSet<String>> read;
        try {
            // Chunks as small as those from recent batches: each waits until the viewer is writable,
            // so a viewer that does not read pins at most one chunk beyond its socket's buffers.
            read = log.read(viewer.room, from, 0, HISTORY_CHUNK);
        } catch (RuntimeException e) {
            read = CompletableFuture.failedFuture(e);
        }
        read.whenCompleteAsync((result, error) -> {
            if (viewer.left) {
                return;
            }
            if (error != null || result.readCount() == 0) {
                viewer.out.writeText(ServerFrames.error("history_unavailable",
                        "Earlier messages cannot be read now; showing live messages.", 0));
                viewer.nextExpected = Math.max(viewer.nextExpected, group.lastDelivered() + 1);
                viewer.live = true;
                return;
            }
            long first = result.getSequence(0);
            if (first > from) {
                viewer.out.writeText(ServerFrames.error("history_gone", (first - from)
                        + " messages are too old to recover; continuing from sequence " + first + ".", 0));
            }
            long last = Math.min(group.lastDelivered(), result.getSequence(result.readCount() - 1));
            List<ChatItem> items = new ArrayList<>();
            for (int i = 0; i < result.readCount(); i++) {
                long seq = result.getSequence(i);
                if (seq >= from && seq <= last) {
                    items.add(ChatItem.of(seq, result.get(i)));
                }
            }
            viewer.out.send(ServerFrames.batch(viewer.room, Math.max(from, first), last, items, null));
            viewer.nextExpected = last + 1;
            recover(viewer);
        }, group.loop);
    }

    /**
     * A viewer that saw {@code since}, beyond what this node has delivered. That is normal for one
     * coming from a node a little ahead; but if the ring has not reached {@code since} (the ring
     * was retired or the whole cluster restarted, so it began again, or the client is wrong), the
     * viewer would wait in silence for sequences that do not come. It is told so and reads the
     * ring from its start: all of it came after what the viewer saw.
     */
    void checkAhead(Viewer viewer, long since) {
        log.tail(viewer.room).onComplete(tail -> group.loop.execute(() -> {
            // A batch past `since` already reached the viewer if its next sequence moved on; a tail of
            // another epoch is a ring this group does not read (its feed is about to end).
            if (tail.failed() || tail.result().last() >= since || !tail.result().epoch().equals(group.epoch())
                    || viewer.left || viewer.nextExpected != since + 1) {
                return;
            }
            viewer.out.send(ServerFrames.sequenceReset(since));
            viewer.nextExpected = 0;
            if (viewer.nextExpected <= group.lastDelivered()) {
                viewer.live = false;
                recover(viewer);
            }
        }));
    }

    private void sendFromRecent(Viewer viewer) {
        List<ChatItem> items = new ArrayList<>();
        long last = viewer.nextExpected - 1;
        for (Batch b : group.recent()) {
            if (b.last() < viewer.nextExpected) {
                continue;
            }
            for (ChatItem item : b.items()) {
                if (item.seq() >= viewer.nextExpected) {
                    items.add(item);
                }
            }
            last = b.last();
            if (items.size() >= HISTORY_CHUNK) {
                break;
            }
        }
        viewer.out.send(ServerFrames.batch(viewer.room, viewer.nextExpected, last, items, null));
        viewer.nextExpected = last + 1;
    }
}
