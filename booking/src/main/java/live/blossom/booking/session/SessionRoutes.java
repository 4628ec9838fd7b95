package live.blossom.booking.session;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import live.blossom.booking.grant.GrantWindow;
import live.blossom.booking.grant.StreamKeys;
import live.blossom.booking.http.Replies;
import live.blossom.booking.http.Times;
import live.blossom.booking.slot.Interval;
import live.blossom.booking.slot.SlotRules;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;
import live.blossom.platform.http.JsonRequest;

/**
 * Live sessions: the home page lists what is on and coming up; merchants open remote sessions
 * (streamed from their own place) and rotate stream keys.
 */
public final class SessionRoutes {

    static final int HOME_PAGE_LIMIT = 100;

    private final SessionStore store;
    private final Clock clock;
    private final GrantWindow window;
    private final Duration horizon;
    private final Duration remoteMaxLength;

    public SessionRoutes(SessionStore store, Clock clock, GrantWindow window, Duration horizon, Duration remoteMaxLength) {
        this.store = store;
        this.clock = clock;
        this.window = window;
        this.horizon = horizon;
        this.remoteMaxLength = remoteMaxLength;
    }

    public void mount(Router router, Authentication auth) {
        router.get("/api/sessions").handler(this::current);
        router.post("/api/sessions/remote").handler(auth.roles(Role.MERCHANT)).handler(this::openRemote);
        router.get("/api/sessions/:room").handler(this::get);
        router.post("/api/sessions/:room/key").handler(auth.roles(Role.MERCHANT)).handler(this::rotateKey);
        router.post("/api/sessions/:room/cancel").handler(auth.roles(Role.MERCHANT)).handler(this::cancel);
    }

    private void current(RoutingContext ctx) {
        Instant now = clock.instant();
        Replies.json(ctx, 200, store.current(now, HOME_PAGE_LIMIT).map(sessions -> new JsonObject()
                .put("sessions", new JsonArray(sessions.stream().map(s -> s.toJson(now)).toList()))));
    }

    private void get(RoutingContext ctx) {
        String room = room(ctx);
        Replies.json(ctx, 200, store.get(room).map(s -> s.toJson(clock.instant())));
    }

    private void openRemote(RoutingContext ctx) {
        Principal merchant = Principal.of(ctx);
        JsonRequest body = JsonRequest.of(ctx);
        String title = body.text("title", 120);
        Interval planned = SlotRules.interval(body.text("start", 64), body.text("end", 64));
        ZoneId zone = Times.zone("timeZone", body.text("timeZone", 64, "UTC"));
        Instant now = clock.instant();
        if (!planned.end().isAfter(now)) {
            throw ApiException.unprocessable("in_the_past", "The session would end in the past.");
        }
        if (planned.start().isAfter(now.plus(horizon))) {
            throw ApiException.unprocessable("too_far_ahead", "Sessions can be planned " + horizon.toDays() + " days ahead.");
        }
        if (planned.length().compareTo(remoteMaxLength) > 0) {
            throw ApiException.unprocessable("too_long", "A remote session lasts at most " + remoteMaxLength.toHours() + " hours.");
        }
        StreamKeys.Issued key = StreamKeys.issue();
        LiveSession session = new LiveSession(RoomIds.from(title), title, merchant.userId(), merchant.name(), null, null,
                planned, zone, "active", window.around(planned));
        Replies.json(ctx, 201, store.openRemote(session, key.hash(), now).map(created -> new JsonObject()
                .put("session", created.toJson(now)).put("streamKey", key.key())));
    }

    private void rotateKey(RoutingContext ctx) {
        String room = room(ctx);
        Principal caller = Principal.of(ctx);
        Replies.json(ctx, 200, owned(room, caller).compose(session -> store.rotateKey(room, clock.instant())
                .map(key -> new JsonObject().put("session", session.toJson(clock.instant())).put("streamKey", key))));
    }

    private void cancel(RoutingContext ctx) {
        String room = room(ctx);
        Principal caller = Principal.of(ctx);
        Replies.json(ctx, 200, owned(room, caller).compose(session -> store.cancelRemote(room, clock.instant()))
                .compose(done -> store.get(room)).map(s -> s.toJson(clock.instant())));
    }

    /** The session if the caller is its merchant or an admin; a 403 otherwise. */
    private Future<LiveSession> owned(String room, Principal caller) {
        return store.get(room).map(session -> {
            if (!caller.has(Role.ADMIN) && !session.merchant().equals(caller.userId())) {
                throw ApiException.forbidden("This live session belongs to another merchant.");
            }
            return session;
        });
    }

    private static String room(RoutingContext ctx) {
        return Replies.pathId(ctx, "room", Replies.ROOM, "no_such_session", "live session");
    }
}
