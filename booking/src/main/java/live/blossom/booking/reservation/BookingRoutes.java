package live.blossom.booking.reservation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import live.blossom.booking.BookingKeyspace;
import live.blossom.booking.Ids;
import live.blossom.booking.grant.GrantWindow;
import live.blossom.booking.grant.StreamKeys;
import live.blossom.booking.http.Replies;
import live.blossom.booking.session.RoomIds;
import live.blossom.booking.session.SessionStore;
import live.blossom.booking.slot.AvailabilityRoutes;
import live.blossom.booking.slot.Interval;
import live.blossom.booking.slot.SlotRules;
import live.blossom.booking.studio.StudioRoutes;
import live.blossom.booking.studio.StudioStore;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;

/** Merchants book, cancel and reschedule studio time; admins may override and see every studio's list. */
public final class BookingRoutes {

    static final int LIST_LIMIT = 500;
    /** Longest from..to a list may ask for: a year and a bit, so a whole booking horizon fits. */
    static final Duration LONGEST_LIST = Duration.ofDays(400);

    private final BookingStore bookings;
    private final StudioStore studios;
    private final SessionStore sessions;
    private final SlotRules rules;
    private final GrantWindow window;
    private final Clock clock;
    private final Duration cancelNotice;
    private final Duration horizon;

    public BookingRoutes(BookingStore bookings, StudioStore studios, SessionStore sessions, SlotRules rules,
                         GrantWindow window, Clock clock, Duration cancelNotice, Duration horizon) {
        this.bookings = bookings;
        this.studios = studios;
        this.sessions = sessions;
        this.rules = rules;
        this.window = window;
        this.clock = clock;
        this.cancelNotice = cancelNotice;
        this.horizon = horizon;
    }

    public void mount(Router router, Authentication auth) {
        router.post("/api/studios/:id/bookings").handler(auth.roles(Role.MERCHANT)).handler(this::create);
        router.get("/api/studios/:id/bookings").handler(auth.roles(Role.ADMIN)).handler(this::ofStudio);
        router.get("/api/bookings").handler(auth.roles(Role.MERCHANT)).handler(this::ofMerchant);
        router.get("/api/bookings/:id").handler(auth.roles(Role.MERCHANT)).handler(this::get);
        router.post("/api/bookings/:id/cancel").handler(auth.roles(Role.MERCHANT)).handler(this::cancel);
        router.post("/api/bookings/:id/reschedule").handler(auth.roles(Role.MERCHANT)).handler(this::reschedule);
    }

    private void create(RoutingContext ctx) {
        String studioId = StudioRoutes.studioId(ctx);
        Principal caller = Principal.of(ctx);
        JsonRequest body = JsonRequest.of(ctx);
        Interval slot = SlotRules.interval(body.text("start", 64), body.text("end", 64));
        String title = body.text("title", 120);
        boolean override = override(body, caller);
        Principal merchant = bookedFor(body, caller);
        Instant now = clock.instant();
        StreamKeys.Issued key = StreamKeys.issue();
        Replies.json(ctx, 201, studios.get(studioId).compose(studio -> {
            rules.check(studio, slot, now, override);
            BookingStore.Draft draft = new BookingStore.Draft(Ids.random("b", 6), studio, merchant.userId(), merchant.name(), slot,
                    RoomIds.from(title), title, key.hash(), window.around(slot), override);
            return bookings.book(draft, now).compose(displaced -> bookings.get(draft.id())
                    .compose(booking -> sessions.get(booking.room()).map(session -> new JsonObject()
                            .put("booking", booking.toJson()).put("session", session.toJson(now))
                            .put("streamKey", key.key()).put("displaced", new JsonArray(displaced)))));
        }));
    }

    private void get(RoutingContext ctx) {
        String id = bookingId(ctx);
        Replies.json(ctx, 200, owned(id, Principal.of(ctx)).map(Booking::toJson));
    }

    private void cancel(RoutingContext ctx) {
        String id = bookingId(ctx);
        Principal caller = Principal.of(ctx);
        boolean admin = caller.has(Role.ADMIN);
        Replies.json(ctx, 200, owned(id, caller)
                .compose(booking -> bookings.cancel(booking, clock.instant(), cancelNotice, admin))
                .compose(late -> bookings.get(id)).map(Booking::toJson));
    }

    private void reschedule(RoutingContext ctx) {
        String id = bookingId(ctx);
        Principal caller = Principal.of(ctx);
        JsonRequest body = JsonRequest.of(ctx);
        Interval slot = SlotRules.interval(body.text("start", 64), body.text("end", 64));
        boolean override = override(body, caller);
        String targetId = body.has("studio") ? body.text("studio", 32) : null;
        if (targetId != null && !Replies.ID.matcher(targetId).matches()) {
            throw Replies.notFound("no_such_studio", "studio");
        }
        Instant now = clock.instant();
        Replies.json(ctx, 200, owned(id, caller).compose(booking -> studios.get(targetId == null ? booking.studio() : targetId)
                .compose(target -> {
                    rules.check(target, slot, now, override);
                    return bookings.reschedule(booking, target, slot, window.around(slot), override,
                            caller.has(Role.ADMIN), now);
                }).compose(displaced -> bookings.get(id).map(moved -> moved.toJson()
                        .put("displaced", new JsonArray(displaced))))));
    }

    private void ofMerchant(RoutingContext ctx) {
        Principal caller = Principal.of(ctx);
        String merchant = caller.userId();
        String asked = ctx.queryParams().get("merchant");
        if (asked != null && !asked.equals(merchant)) {
            if (!caller.has(Role.ADMIN)) {
                throw ApiException.forbidden("Merchants see their own bookings only.");
            }
            merchant = asked;
        }
        list(ctx, BookingKeyspace.merchantBookings(merchant));
    }

    private void ofStudio(RoutingContext ctx) {
        String studioId = StudioRoutes.studioId(ctx);
        Interval range = range(ctx);
        Replies.json(ctx, 200, studios.get(studioId).compose(studio ->
                bookings.list(BookingKeyspace.studioBookings(studioId), range.start(), range.end(), LIST_LIMIT))
                .map(BookingRoutes::listJson));
    }

    private void list(RoutingContext ctx, String index) {
        Interval range = range(ctx);
        Replies.json(ctx, 200, bookings.list(index, range.start(), range.end(), LIST_LIMIT).map(BookingRoutes::listJson));
    }

    private static JsonObject listJson(List<Booking> list) {
        return new JsonObject().put("bookings", new JsonArray(list.stream().map(Booking::toJson).toList()));
    }

    /** {@code from}/{@code to} if given, else from a day ago to the end of the booking horizon. */
    private Interval range(RoutingContext ctx) {
        if (ctx.queryParams().contains("from") || ctx.queryParams().contains("to")) {
            return AvailabilityRoutes.window(ctx, LONGEST_LIST);
        }
        Instant now = clock.instant();
        return new Interval(now.minus(Duration.ofDays(1)), now.plus(horizon));
    }

    /** The booking if the caller is its merchant or an admin; a 403 otherwise. */
    private Future<Booking> owned(String id, Principal caller) {
        return bookings.get(id).map(booking -> {
            if (!caller.has(Role.ADMIN) && !booking.merchant().equals(caller.userId())) {
                throw ApiException.forbidden("This booking belongs to another merchant.");
            }
            return booking;
        });
    }

    /** Who the booking is for: the caller, or (admins only) the merchant named in the body. */
    private static Principal bookedFor(JsonRequest body, Principal caller) {
        if (!body.has("merchant")) {
            return caller;
        }
        if (!caller.has(Role.ADMIN)) {
            throw ApiException.forbidden("Only an admin books on behalf of another merchant.");
        }
        String id = body.text("merchant", 128);
        return new Principal(id, body.text("merchantName", 120, id), Set.of(Role.MERCHANT));
    }

    private static boolean override(JsonRequest body, Principal caller) {
        boolean override = body.flag("override", false);
        if (override && !caller.has(Role.ADMIN)) {
            throw ApiException.forbidden("Only an admin may override other bookings and the studio's rules.");
        }
        return override;
    }

    private static String bookingId(RoutingContext ctx) {
        return Replies.pathId(ctx, "id", Replies.ID, "no_such_booking", "booking");
    }
}
