package live.blossom.edge.relay;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.List;

/**
 * The viewers of one stream that live on one event loop. The relay hands each batch to the
 * group with one task, and the group writes to its viewers on their own thread: no per-viewer
 * task, no locks. Confined to its loop.
 */
final class ViewerGroup {

    private final EventLoop loop;
    private final List<Viewer> viewers = new ArrayList<>();

    ViewerGroup(EventLoop loop) {
        this.loop = loop;
    }

    EventLoop loop() {
        return loop;
    }

    void add(Viewer viewer) {
        viewers.add(viewer);
    }

    void remove(Viewer viewer) {
        viewers.remove(viewer);
    }

    void deliver(List<MediaTag> tags) {
        // Index loop: a viewer may leave while we write to it (removed by detach on this thread).
        for (int i = 0; i < viewers.size(); i++) {
            Viewer v = viewers.get(i);
            v.deliver(tags);
            if (i < viewers.size() && viewers.get(i) != v) {
                i--;
            }
        }
    }

    void endAll() {
        List<Viewer> all = new ArrayList<>(viewers);
        viewers.clear();
        for (Viewer v : all) {
            v.end();
        }
    }
}
