package live.blossom.edge.publish;

import java.time.Instant;

/**
 * Permission to publish a stream.
 *
 * @param stream    the stream name the publisher goes live on
 * @param notAfter  when the publish is ended (cleanly) by the edge; null for no end
 */
public record PublishPermit(String stream, Instant notAfter) {
}
