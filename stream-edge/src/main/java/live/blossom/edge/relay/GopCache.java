package live.blossom.edge.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The tags since the latest keyframe, so that a new viewer starts with a picture at once.
 * Bounded by bytes and by duration: a GOP that outgrows either is dropped whole (new viewers
 * then wait for the next keyframe) rather than kept in part. Confined to the stream's loop.
 */
final class GopCache {

    private final long maxBytes;
    private final long maxMillis;
    private final ArrayDeque<MediaTag> tags = new ArrayDeque<>();
    private long bytes;
    private boolean overflowed;

    GopCache(long maxBytes, long maxMillis) {
        this.maxBytes = maxBytes;
        this.maxMillis = maxMillis;
    }

    void add(MediaTag tag) {
        if (tag.config()) {
            return; // kept separately by the stream
        }
        if (tag.keyframe()) {
            clear();
            overflowed = false;
        } else if (overflowed || tags.isEmpty()) {
            return; // nothing to append to until the next keyframe
        }
        tag.retain();
        tags.add(tag);
        bytes += tag.length();
        if (bytes > maxBytes || tag.timestamp() - tags.getFirst().timestamp() > maxMillis) {
            clear();
            overflowed = true;
        }
    }

    /** The cached tags, each retained for the caller. */
    List<MediaTag> snapshot() {
        List<MediaTag> out = new ArrayList<>(tags.size());
        for (MediaTag tag : tags) {
            out.add((MediaTag) tag.retain());
        }
        return out;
    }

    long bytes() {
        return bytes;
    }

    int size() {
        return tags.size();
    }

    void clear() {
        for (MediaTag tag : tags) {
            tag.release();
        }
        tags.clear();
        bytes = 0;
    }
}
