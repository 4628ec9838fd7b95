package live.blossom.chat;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.internal.VertxInternal;
import live.blossom.chat.fanout.FanoutMeters;
import live.blossom.chat.fanout.RoomRegistry;
import live.blossom.chat.fanout.WindowPolicy;
import live.blossom.chat.http.ModerationRoutes;
import live.blossom.chat.moderation.Moderation;
import live.blossom.chat.moderation.SendGate;
import live.blossom.chat.presence.PresenceBoard;
import live.blossom.chat.protocol.ChatText;
import live.blossom.chat.protocol.ClientMessageDecoder;
import live.blossom.chat.room.RoomEvents;
import live.blossom.chat.room.RoomLog;
import live.blossom.chat.ws.ChatEndpoint;
import live.blossom.chat.ws.ChatSocketRoute;
import live.blossom.chat.ws.ChatServices;
import live.blossom.platform.bootstrap.BlossomModule;
import live.blossom.platform.bootstrap.PlatformContext;
import live.blossom.platform.config.BlossomConfig;

/**
 * The chat plane: {@code /ws/chat} (WebSocket), moderation and presence under
 * {@code /api/rooms/{room}/...}, commerce events and room notices from the event bus into rooms.
 */
public final class ChatModule implements BlossomModule {

    private RoomLog roomLog;
    private RoomRegistry rooms;
    private RoomEvents events;
    private PresenceBoard presence;

    public ChatModule() {
    }

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public void start(PlatformContext ctx) {
        BlossomConfig config = ctx.config();
        var hazelcast = ctx.hazelcast();
        var vertx = ctx.vertx();
        FanoutMeters meters = new FanoutMeters(ctx.metrics().registry());
        roomLog = new RoomLog(hazelcast, vertx, config.integer(ChatKeys.RING_CAPACITY),
                config.duration(ChatKeys.RING_RETIRE_AFTER), ctx.metrics().registry());
        WindowPolicy window = new WindowPolicy(config.duration(ChatKeys.BATCH_WINDOW),
                config.duration(ChatKeys.BATCH_WINDOW_MAX), config.integer(ChatKeys.NODE_FRAME_BUDGET), meters);
        rooms = new RoomRegistry(vertx, roomLog, meters, window, config.integer(ChatKeys.READABLE_RATE),
                config.integer(ChatKeys.RECENT_ITEMS), config.duration(ChatKeys.ROOM_IDLE_CLOSE));
        meters.roomsOpen(rooms, ctx.metrics().registry());
        roomLog.leases().watching(rooms::names);
        SendGate gate = new SendGate(hazelcast, vertx, config.integer(ChatKeys.RATE_LIMIT_COUNT),
                config.duration(ChatKeys.RATE_LIMIT_PERIOD));
        Moderation moderation = new Moderation(hazelcast, vertx, roomLog, gate);
        events = new RoomEvents(vertx, hazelcast, roomLog);
        presence = new PresenceBoard(vertx, hazelcast, rooms, config.duration(ChatKeys.PRESENCE_INTERVAL));
        roomLog.leases().onRetired(presence::forget);
        ChatServices services = new ChatServices(
                new ClientMessageDecoder(new ChatText(config.integer(ChatKeys.TEXT_MAX_CHARS))), rooms, roomLog, gate,
                moderation, ctx.auth().tokens(), config.integer(ChatKeys.FRAME_MAX_BYTES),
                config.integer(ChatKeys.INBOUND_FRAMES_PER_SECOND), config.integer(ChatKeys.JOINS_PER_MINUTE),
                config.duration(ChatKeys.STALL_TIMEOUT).toMillis(),
                config.integer(ChatKeys.WRITE_HIGH_WATER), config.integer(ChatKeys.SOCKET_SEND_BUFFER),
                config.integer(ChatKeys.DEFLATE_MIN_BYTES), meters.slowDisconnects()::increment,
                Timer.builder("chat.send.append").description("From a line read off the socket to its place in the room's ring")
                        .publishPercentiles(0.5, 0.99).register(ctx.metrics().registry()),
                // An ordered worker context: lines wait for Hazelcast, never behind a fan-out round.
                ((VertxInternal) vertx).createWorkerContext());

        ctx.channelRoutes().add(ChatEndpoint.PATH::equals, new ChatSocketRoute(services));
        ctx.router().get(ChatEndpoint.PATH).handler(new ChatEndpoint()::handle);
        new ModerationRoutes(moderation, presence).mount(ctx.router(), ctx.auth());
        events.start();
        presence.start();
    }

    @Override
    public void stop() {
        if (presence != null) {
            presence.stop();
        }
        if (events != null) {
            events.stop();
        }
        if (rooms != null) {
            rooms.close();
        }
        if (roomLog != null) {
            roomLog.close();
        }
    }
}
