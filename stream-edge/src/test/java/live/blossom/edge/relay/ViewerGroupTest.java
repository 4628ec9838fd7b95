package live.blossom.edge.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A viewer group's inbox")
class ViewerGroupTest extends ViewerGroupFixture {

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
}
