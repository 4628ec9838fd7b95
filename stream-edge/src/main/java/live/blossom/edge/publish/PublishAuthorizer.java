package live.blossom.edge.publish;

import io.vertx.core.Future;

/**
 * Decides whether a publisher may go live. Owned by stream-edge; the node wiring may plug in
 * another module's check (e.g. booking grants) through an adapter. A refusal is a failed
 * future whose message is a short reason (logged, never shown to the publisher).
 */
public interface PublishAuthorizer {

    Future<PublishPermit> authorize(String app, String stream, String key, String remoteAddress);
}
