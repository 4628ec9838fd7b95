package live.blossom.chat.fanout;

/**
 * One connection watching one room, as its {@link ViewerGroup} sees it. Mutated only on the
 * group's event loop (the connection's own), so it needs no locks.
 */
public final class Viewer {

    final Outbound out;
    final String room;
    /** The next sequence this viewer should see; everything before it was delivered or reported. */
    long nextExpected;
    /** False while catching up from history: live batches pass it by until it has caught up. */
    boolean live;
    boolean left;
    int index = -1;
    /** Which of its group's buckets it sits in, and so which phase of a phased room serves it. */
    int bucket;
    long missedBatches;
    long missedFrom;
    long missedTo;
    ViewerGroup group;

    Viewer(Outbound out, String room) {
        this.out = out;
        this.room = room;
    }

    public String room() {
        return room;
    }
}
