package live.blossom.booking.slot;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import live.blossom.booking.http.Replies;
import live.blossom.booking.studio.StudioRoutes;
import live.blossom.booking.studio.StudioStore;
import live.blossom.platform.http.ApiException;

/** {@code GET /api/studios/{id}/availability?from&to}: free and busy spans, open to anyone. */
public final class AvailabilityRoutes {

    private final StudioStore studios;
    private final StudioSlots slots;
    private final Clock clock;
    private final Duration longestSpan;

    public AvailabilityRoutes(StudioStore studios, StudioSlots slots, Clock clock, Duration longestSpan) {
        this.studios = studios;
        this.slots = slots;
        this.clock = clock;
        this.longestSpan = longestSpan;
    }

    public void mount(Router router) {
        router.get("/api/studios/:id/availability").handler(this::availability);
    }

    private void availability(RoutingContext ctx) {
        String id = StudioRoutes.studioId(ctx);
        Interval window = window(ctx, longestSpan);
        Replies.json(ctx, 200, studios.get(id).compose(studio ->
                slots.near(id, window.start(), window.end(), studio.buffer())
                        .map(bookings -> Availability.of(studio, window, bookings, clock.instant()).toJson())));
    }

    /** The {@code from} and {@code to} query parameters as a window of at most {@code longest}. */
    public static Interval window(RoutingContext ctx, Duration longest) {
        String from = ctx.queryParams().get("from");
        String to = ctx.queryParams().get("to");
        if (from == null || to == null) {
            throw ApiException.badRequest("missing_field", "Query parameters 'from' and 'to' are required (ISO-8601 with offset).");
        }
        Interval window = SlotRules.interval("from", from, "to", to);
        if (window.length().compareTo(longest) > 0) {
            throw ApiException.badRequest("window_too_long", "Ask for at most " + longest.toDays() + " days at a time.");
        }
        return window;
    }
}
