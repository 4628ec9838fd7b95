package live.blossom.booking.calendar;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import live.blossom.booking.BookingKeyspace;
import live.blossom.booking.http.Replies;
import live.blossom.booking.http.Times;
import live.blossom.booking.reservation.Booking;
import live.blossom.booking.reservation.BookingStore;
import live.blossom.booking.session.LiveSession;
import live.blossom.booking.session.SessionStore;
import live.blossom.booking.studio.Studio;
import live.blossom.booking.studio.StudioRoutes;
import live.blossom.booking.studio.StudioStore;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;

/**
 * Calendar feeds at secret URLs ({@code /api/calendar/<token>.ics}): a merchant's live sessions
 * (booked and remote), or a studio's bookings for the base's staff. Merchants and admins fetch
 * the URL once and subscribe to it in their calendar app.
 */
public final class CalendarRoutes {

    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final Duration PAST = Duration.ofDays(30);
    private static final int FEED_LIMIT = 1000;

    private final CalendarTokens tokens;
    private final SessionStore sessions;
    private final BookingStore bookings;
    private final StudioStore studios;
    private final Clock clock;
    private final Duration horizon;

    public CalendarRoutes(CalendarTokens tokens, SessionStore sessions, BookingStore bookings, StudioStore studios,
                          Clock clock, Duration horizon) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.bookings = bookings;
        this.studios = studios;
        this.clock = clock;
        this.horizon = horizon;
    }

    public void mount(Router router, Authentication auth) {
        router.get("/api/calendar/merchant").handler(auth.roles(Role.MERCHANT)).handler(ctx -> feedUrl(ctx, false));
        router.post("/api/calendar/merchant/rotate").handler(auth.roles(Role.MERCHANT)).handler(ctx -> feedUrl(ctx, true));
        router.get("/api/studios/:id/calendar").handler(auth.roles(Role.ADMIN)).handler(ctx -> studioFeedUrl(ctx, false));
        router.post("/api/studios/:id/calendar/rotate").handler(auth.roles(Role.ADMIN))
                .handler(ctx -> studioFeedUrl(ctx, true));
        router.get("/api/calendar/:token.ics").handler(this::feed);
    }

    private void feedUrl(RoutingContext ctx, boolean rotate) {
        String owner = "merchant:" + Principal.of(ctx).userId();
        Replies.json(ctx, 200, (rotate ? tokens.rotate(owner) : tokens.current(owner)).map(token -> urls(ctx, token)));
    }

    private void studioFeedUrl(RoutingContext ctx, boolean rotate) {
        String id = StudioRoutes.studioId(ctx);
        String owner = "studio:" + id;
        Replies.json(ctx, 200, studios.get(id).compose(studio -> rotate ? tokens.rotate(owner) : tokens.current(owner))
                .map(token -> urls(ctx, token)));
    }

    private static JsonObject urls(RoutingContext ctx, String token) {
        String path = "/api/calendar/" + token + ".ics";
        String host = ctx.request().authority() == null ? "localhost" : ctx.request().authority().toString();
        return new JsonObject().put("path", path).put("url", ctx.request().scheme() + "://" + host + path)
                .put("webcal", "webcal://" + host + path);
    }

    private void feed(RoutingContext ctx) {
        String token = ctx.pathParam("token");
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw ApiException.notFound("no_such_calendar", "There is no calendar at this address.");
        }
        Instant now = clock.instant();
        tokens.owner(token).compose(owner -> {
            if (owner == null) {
                throw ApiException.notFound("no_such_calendar", "There is no calendar at this address (it may have been replaced).");
            }
            String id = owner.substring(owner.indexOf(':') + 1);
            return owner.startsWith("studio:") ? studioFeed(id, now) : merchantFeed(id, now);
        }).onSuccess(ics -> ctx.response().putHeader("Content-Type", IcsFeed.CONTENT_TYPE)
                .putHeader("Cache-Control", "private, max-age=300").end(ics))
                .onFailure(failure -> Replies.fail(ctx, failure));
    }

    private Future<String> merchantFeed(String merchant, Instant now) {
        return sessions.ofMerchant(merchant, now.minus(PAST), now.plus(horizon), FEED_LIMIT).compose(list -> {
            List<LiveSession> active = list.stream().filter(LiveSession::active).toList();
            List<Future<String>> places = active.stream().map(s -> s.remote() ? Future.succeededFuture("Remote")
                    : studios.get(s.studio()).map(Studio::name).otherwise("Studio")).toList();
            return Future.all(places).map(all -> {
                String name = active.isEmpty() ? "Blossom live sessions" : "Blossom: " + active.get(0).merchantName();
                List<CalendarEvent> events = new ArrayList<>();
                for (int i = 0; i < active.size(); i++) {
                    LiveSession s = active.get(i);
                    events.add(new CalendarEvent(s.room() + "@blossom.live", s.title(),
                            "Live session " + s.room() + ". The stream key works from "
                                    + Times.format(s.grant().start(), s.zone()) + " to "
                                    + Times.format(s.grant().end(), s.zone()) + ".", places.get(i).result(), s.planned()));
                }
                return IcsFeed.write(name, events, now);
            });
        });
    }

    private Future<String> studioFeed(String studioId, Instant now) {
        return studios.get(studioId).compose(studio -> bookings.list(BookingKeyspace.studioBookings(studioId),
                now.minus(PAST), now.plus(horizon), FEED_LIMIT).map(list -> {
                    List<CalendarEvent> events = list.stream().filter(Booking::active).map(b -> new CalendarEvent(
                            b.id() + "@blossom.live", b.title() + " (" + b.merchantName() + ")",
                            "Booking " + b.id() + " by " + b.merchantName() + ", live session " + b.room() + ".",
                            studio.name(), b.slot())).toList();
                    return IcsFeed.write("Blossom: " + studio.name(), events, now);
                }));
    }
}
