package live.blossom.booking;

import io.lettuce.core.api.StatefulRedisConnection;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import live.blossom.booking.calendar.CalendarRoutes;
import live.blossom.booking.calendar.CalendarTokens;
import live.blossom.booking.grant.EndingNotices;
import live.blossom.booking.grant.GrantCheck;
import live.blossom.booking.grant.GrantWindow;
import live.blossom.booking.grant.StoredGrantCheck;
import live.blossom.booking.reservation.BookingRoutes;
import live.blossom.booking.reservation.BookingStore;
import live.blossom.booking.session.SessionRoutes;
import live.blossom.booking.session.SessionStore;
import live.blossom.booking.slot.AvailabilityRoutes;
import live.blossom.booking.slot.SlotRules;
import live.blossom.booking.slot.StudioSlots;
import live.blossom.booking.studio.StudioRoutes;
import live.blossom.booking.studio.StudioStore;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.bootstrap.BlossomModule;
import live.blossom.platform.bootstrap.PlatformContext;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.redis.LuaScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The booking plane: studios and their availability, bookings guarded by Lua scripts on Redis,
 * the live session each booking creates, stream-key grants, broadcast-ending notices and
 * calendar feeds. {@link #grantCheck()} is what the app hands to stream-edge's publish authorizer.
 */
public final class BookingModule implements BlossomModule {

    private static final Logger log = LoggerFactory.getLogger(BookingModule.class);

    private final Clock clock;
    private final StoredGrantCheck grants;
    private StatefulRedisConnection<String, String> connection;
    private EndingNotices notices;

    public BookingModule() {
        this(Clock.systemUTC());
    }

    /** With a clock of the caller's choosing: tests move time to before, inside and after a grant window. */
    public BookingModule(Clock clock) {
        this.clock = clock;
        this.grants = new StoredGrantCheck(clock);
    }

    @Override
    public String name() {
        return "booking";
    }

    /**
     * Checks a stream key for a stream; usable from construction on (it refuses everything until
     * the module has started), so the app may wire it into the edge before the platform starts.
     */
    public GrantCheck grantCheck() {
        return grants;
    }

    @Override
    public void start(PlatformContext ctx) {
        BlossomConfig config = ctx.config();
        connection = ctx.redisClient().connect();
        BookingRedis redis = new BookingRedis(ctx.vertx(), connection.async());
        Duration horizon = config.duration(BookingKeys.HORIZON);
        Duration span = config.duration(BookingKeys.AVAILABILITY_SPAN);
        GrantWindow window = new GrantWindow(config.duration(BookingKeys.GRANT_LEAD), config.duration(BookingKeys.GRANT_GRACE));

        StudioStore studios = new StudioStore(redis);
        BookingStore bookings = new BookingStore(redis, ctx.metrics().registry());
        SessionStore sessions = new SessionStore(redis);
        List<LuaScript> scripts = new ArrayList<>(bookings.scripts());
        scripts.addAll(sessions.scripts());
        for (LuaScript script : scripts) {
            connection.sync().scriptLoad(script.source()); // a syntax error fails start-up, not the first booking
        }

        Router router = ctx.router();
        Authentication auth = ctx.auth();
        new StudioRoutes(studios).mount(router, auth);
        new AvailabilityRoutes(studios, new StudioSlots(redis), clock, span).mount(router);
        new BookingRoutes(bookings, studios, sessions, new SlotRules(horizon), window, clock,
                config.duration(BookingKeys.CANCEL_NOTICE), horizon).mount(router, auth);
        new SessionRoutes(sessions, clock, window, horizon, config.duration(BookingKeys.REMOTE_MAX_LENGTH))
                .mount(router, auth);
        new CalendarRoutes(new CalendarTokens(redis), sessions, bookings, studios, clock, horizon).mount(router, auth);

        grants.attach(redis, ctx.metrics().registry());
        notices = new EndingNotices(ctx.vertx(), redis, clock, config.duration(BookingKeys.ENDING_NOTICE),
                ctx.metrics().registry());
        notices.start(config.duration(BookingKeys.NOTICE_INTERVAL).toMillis());
        log.info("booking started scripts={} grantLead={} grantGrace={} cancelNotice={}", scripts.size(),
                window.lead(), window.grace(), config.duration(BookingKeys.CANCEL_NOTICE));
    }

    @Override
    public void stop() {
        grants.detach();
        if (notices != null) {
            notices.stop();
        }
        if (connection != null) {
            connection.close();
        }
    }
}
