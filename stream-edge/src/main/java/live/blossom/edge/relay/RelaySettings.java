package live.blossom.edge.relay;

import java.time.Duration;

/**
 * Limits and timings of the relay.
 *
 * @param gopMaxBytes    largest GOP kept for instant start
 * @param gopMaxDuration longest GOP kept for instant start
 * @param mergeWindow    longest a tag waits to be handed to viewers (0 = each tag at once). Tags
 *                       go in batches, one write and one flush per viewer per batch: a batch
 *                       goes when a video tag arrives (with the audio and data tags before it),
 *                       or when this long has passed since its first tag. At 30 fps with AAC
 *                       audio (43 tags a second), 40 ms lets every audio tag ride with the next
 *                       frame: one batch per frame, the least there can be without holding
 *                       pictures back
 * @param videoEndsBatch whether a video tag sends its batch at once (true, the default: the least
 *                       latency). When false, batches go only when the merge window ends: a
 *                       longer window then means fewer writes per viewer (SRS's merged writes)
 *                       and so less CPU per viewer, for up to one window of added latency
 * @param stuckLimit     a viewer whose socket stays unwritable this long is disconnected
 * @param grace          how long viewers stay attached after the publisher's connection drops
 */
public record RelaySettings(long gopMaxBytes, Duration gopMaxDuration, Duration mergeWindow, boolean videoEndsBatch,
        Duration stuckLimit, Duration grace) {

    public static RelaySettings defaults() {
        return new RelaySettings(8L << 20, Duration.ofSeconds(10), Duration.ofMillis(40), true, Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }
}
