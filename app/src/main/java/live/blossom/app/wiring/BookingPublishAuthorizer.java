package live.blossom.app.wiring;

import io.vertx.core.Future;
import live.blossom.booking.grant.GrantCheck;
import live.blossom.edge.publish.PublishAuthorizer;
import live.blossom.edge.publish.PublishPermit;

/**
 * The adapter that makes a booking the stream key: stream-edge asks its {@link PublishAuthorizer},
 * booking answers with a grant for the stream and the key, valid inside the booking's window.
 * The publish is ended by the edge when the grant's window closes.
 */
public final class BookingPublishAuthorizer implements PublishAuthorizer {

    private final GrantCheck grants;

    public BookingPublishAuthorizer(GrantCheck grants) {
        this.grants = grants;
    }

    @Override
    public Future<PublishPermit> authorize(String app, String stream, String key, String remoteAddress) {
        if (key == null || key.isEmpty()) {
            return Future.failedFuture("no stream key");
        }
        return grants.check(stream, key).map(grant -> new PublishPermit(grant.room(), grant.validUntil()));
    }
}
