package live.blossom.edge.relay;

import java.time.Duration;

/**
 * Limits and timings of the relay.
 *
 * @param gopMaxBytes    largest GOP kept for instant start
 * @param gopMaxDuration longest GOP kept for instant start
 * @param mergeWindow    tags are handed to viewers in batches this long (0 = each tag at once):
 *                       one write and one flush per viewer per batch instead of per tag
 * @param stuckLimit     a viewer whose socket stays unwritable this long is disconnected
 * @param grace          how long viewers stay attached after the publisher's connection drops
 */
public record RelaySettings(long gopMaxBytes, Duration gopMaxDuration, Duration mergeWindow, Duration stuckLimit,
        Duration grace) {

    public static RelaySettings defaults() {
        return new RelaySettings(8L << 20, Duration.ofSeconds(10), Duration.ofMillis(20), Duration.ofSeconds(10),
                Duration.ofSeconds(30));
    }
}
