package live.blossom.chat.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import live.blossom.chat.fanout.Outbound;
import live.blossom.chat.fanout.RoomFeed;
import live.blossom.chat.fanout.Viewer;
import live.blossom.chat.moderation.Moderation;
import live.blossom.chat.protocol.ClientMessage;
import live.blossom.chat.protocol.ProtocolError;
import live.blossom.chat.protocol.ServerFrames;
import live.blossom.chat.room.ChatItem;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;

/**
 * One chat connection: decodes client frames, keeps the rooms it watches and who it is. Runs on
 * the connection's event loop. Reading is anonymous; sending and moderating need a token, given
 * as the {@code token} query parameter or an {@code auth} message.
 */
final class ChatSession {

    private static final int MAX_ROOMS = 4;
    private static final int MAX_ERRORS = 20;
    private static final int MAX_SENDS_IN_FLIGHT = 32;
    private static final int CLOSE_WAIT_SECONDS = 2;

    private final Channel channel;
    private final ChatServices services;
    private final Outbound out;
    private final Map<String, Joined> rooms = new HashMap<>(4);
    private Future<Principal> principal;
    private long tokens;
    private long refilledAt = System.nanoTime();
    /**
     * The join limit as a generic cell rate algorithm: the time at which this connection's join
     * allowance would be whole again, so one long per connection is the whole bucket.
     */
    private long joinsWholeAt = refilledAt;
    private int errors;
    /**
     * Sends of one connection are checked and appended one after another, so they keep their
     * order. Touched only on the intake context.
     */
    private Future<?> sendTail = Future.succeededFuture();
    private int sendsInFlight;
    private boolean closed;
    /** We sent a close frame and wait for the client's. */
    private boolean closing;

    /**
     * A room of this connection: its feed, and its viewer once attached. {@code settled} completes
     * when the join is through, attached or not: lines sent meanwhile wait for it, so that one sent
     * right after a join comes after the point the viewer reads from.
     */
    private record Joined(RoomFeed feed, Viewer viewer, Promise<Void> settled) {
    }

    ChatSession(Channel channel, ChatServices services) {
        this.channel = channel;
        this.services = services;
        this.out = new Outbound(channel, services.stallMillis());
        this.out.onSlow(() -> {
            services.onSlowViewer().run();
            // Not inline: the fan-out loop that noticed the stall is still iterating the viewers.
            channel.eventLoop().execute(this::leaveAll);
        });
        this.tokens = services.inboundPerSecond() * 2L;
    }

    Outbound outbound() {
        return out;
    }

    /** The upgrade is done: sign in with the query's token, if any. */
    void start(String token) {
        if (token != null && !token.isEmpty()) {
            authenticate(token, false);
        }
    }

    /** A text message from the client. */
    void onText(String text) {
        if (!admit()) {
            return;
        }
        try {
            dispatch(services.decoder().decode(text));
        } catch (ProtocolError e) {
            error(e);
        }
    }

    /**
     * A ping or pong from the client: counted against the same frame rate as text messages, and
     * true if a ping may be answered now. A client that pings without reading gets no pong (RFC
     * 6455 lets a server answer only the latest ping), so pongs cannot pile up in its buffer, and it
     * is dropped once it has been unwritable for the stall timeout.
     */
    boolean onControlFrame() {
        return admit() && out.writable(System.nanoTime());
    }

    /** True if a frame from the client is within its rate; a client over it is closed with 1008. */
    private boolean admit() {
        if (closed) {
            return false;
        }
        if (!takeToken()) {
            close((short) 1008, "too many frames");
            return false;
        }
        return true;
    }

    private void dispatch(ClientMessage message) {
        if (message instanceof ClientMessage.Send send) {
            send(send);
        } else if (message instanceof ClientMessage.Join join) {
            join(join);
        } else if (message instanceof ClientMessage.Ping ping) {
            out.writeText(ServerFrames.pong(ping.id()));
        } else if (message instanceof ClientMessage.Leave leave) {
            leave(leave.room());
        } else if (message instanceof ClientMessage.Auth auth) {
            authenticate(auth.token(), true);
        } else if (message instanceof ClientMessage.Moderate moderate) {
            moderate(moderate);
        }
    }

    private void authenticate(String token, boolean answer) {
        if (principal != null && !principal.failed()) {
            error(new ProtocolError("already_authenticated", "This connection is already signed in."));
            return;
        }
        principal = services.tokens().verify(token);
        principal.onComplete(ar -> {
            if (ar.failed()) {
                error(new ProtocolError("unauthorized", "The token is invalid or expired; sign in again."));
            } else if (answer) {
                JsonArray roles = new JsonArray();
                ar.result().roles().forEach(r -> roles.add(r.claim()));
                out.writeText(new JsonObject().put("type", "authenticated").put("user", ar.result().userId())
                        .put("roles", roles).encode());
            }
        });
    }

    private void join(ClientMessage.Join join) {
        Joined current = rooms.get(join.room());
        boolean ringBeganAgain = current != null && current.viewer() != null && current.feed().closed();
        if (ringBeganAgain) {
            // The room's feed ended under this viewer (its ring began again): this join starts over.
            leave(join.room());
        }
        if (rooms.containsKey(join.room())) {
            error(new ProtocolError("already_joined", "You are already in room " + join.room() + "."));
            return;
        }
        if (rooms.size() >= MAX_ROOMS) {
            error(new ProtocolError("too_many_rooms", "Watch at most " + MAX_ROOMS + " rooms per connection."));
            return;
        }
        // Every join opens the room's feed and lease, made-up room ids too: bounded per connection.
        // A join after room_reset is the one the server asked for, so it does not count.
        long waitNanos = ringBeganAgain ? 0 : joinWait();
        if (waitNanos > 0) {
            error(new ProtocolError("too_many_joins", "Join at most " + services.joinsPerMinute()
                    + " rooms a minute.", TimeUnit.NANOSECONDS.toMillis(waitNanos) + 1));
            return;
        }
        // After a room_reset all of the new ring is new to this viewer.
        boolean fromStart = ringBeganAgain && join.since() == RoomFeed.LIVE;
        watch(fromStart ? new ClientMessage.Join(join.room(), RoomFeed.FROM_START, null) : join);
    }

    /** Opens the room's feed for this connection; the join's checks have passed. */
    private void watch(ClientMessage.Join join) {
        watch(join, Promise.promise());
    }

    private void watch(ClientMessage.Join join, Promise<Void> settled) {
        RoomFeed feed = services.rooms().feed(join.room());
        rooms.put(join.room(), new Joined(feed, null, settled)); // reserved while the feed gets ready
        feed.ready().onComplete(ar -> out.executor().execute(() -> {
            Joined reserved = rooms.get(join.room());
            if (closed || reserved == null || reserved.viewer() != null) {
                settled.tryComplete();
                return;
            }
            if (ar.failed()) {
                rooms.remove(join.room());
                settled.tryComplete();
                error(new ProtocolError("room_unavailable", "The room cannot be opened now; try again."));
                return;
            }
            if (feed.closed()) {
                // Closed as idle while this join waited for it: join the room's new feed instead.
                rooms.remove(join.room());
                watch(join, settled);
                return;
            }
            rooms.put(join.room(), new Joined(feed, feed.join(out, join.since(), join.epoch()), settled));
            settled.tryComplete();
        }));
    }

    private void leave(String room) {
        Joined joined = rooms.remove(room);
        if (joined != null && joined.viewer() != null) {
            joined.feed().leave(joined.viewer());
        }
    }

    /** The connection is gone (whoever closed it): leave every room. */
    void leaveAll() {
        if (closed && rooms.isEmpty()) {
            return;
        }
        closed = true;
        out.markClosed();
        rooms.values().forEach(j -> {
            if (j.viewer() != null) {
                j.feed().leave(j.viewer());
            }
        });
        rooms.clear();
    }

    private void send(ClientMessage.Send send) {
        if (principal == null) {
            error(new ProtocolError("unauthorized", "Sign in to chat: connect with ?token= or send an auth message."));
            return;
        }
        if (!rooms.containsKey(send.room())) {
            error(new ProtocolError("not_joined", "Join room " + send.room() + " before sending to it."));
            return;
        }
        if (sendsInFlight >= MAX_SENDS_IN_FLIGHT) {
            error(new ProtocolError("slow_down", "Wait for your earlier messages to be acknowledged.", 200));
            return;
        }
        sendsInFlight++;
        long readAt = System.nanoTime();
        Future<Principal> signedIn = principal;
        Future<Void> joined = rooms.get(send.room()).settled().future();
        // The line's Hazelcast round trips run on the node's intake context, not on this
        // connection's event loop: there they would queue behind whole fan-out rounds.
        services.intake().runOnContext(ignored -> {
            Future<Void> joinedHere = onIntake(joined);
            Future<Long> appended = sendTail.transform(previous -> joinedHere).transform(settled -> signedIn)
                    .recover(e -> Future.failedFuture(new ProtocolError("unauthorized", "Sign in again to chat.")))
                    .compose(p -> services.gate().check(send.room(), p, send.text())
                            .compose(v -> services.roomLog().append(send.room(), ChatItem.chatLine(role(p), p.userId(),
                                    p.name(), send.text(), send.clientId(), System.currentTimeMillis()))));
            sendTail = appended.transform(ar -> Future.succeededFuture());
            appended.onComplete(ar -> out.executor().execute(() -> {
                sendsInFlight--;
                if (ar.succeeded()) {
                    services.appendTime().record(System.nanoTime() - readAt, TimeUnit.NANOSECONDS);
                    out.writeText(ServerFrames.ack(send.room(), send.clientId(), ar.result()));
                } else {
                    error(ar.cause());
                }
            }));
        });
    }

    /** {@code f}'s completion, seen on the intake context, where a line's round trips run. */
    private Future<Void> onIntake(Future<Void> f) {
        if (f.isComplete()) {
            return Future.succeededFuture();
        }
        Promise<Void> here = Promise.promise();
        f.onComplete(ar -> services.intake().runOnContext(ignored -> here.complete()));
        return here.future();
    }

    private void moderate(ClientMessage.Moderate m) {
        if (principal == null) {
            error(new ProtocolError("unauthorized", "Sign in as a host or moderator to moderate."));
            return;
        }
        principal.recover(e -> Future.failedFuture(new ProtocolError("unauthorized", "Sign in again.")))
                .compose(p -> {
                    if (!Moderation.mayModerate(p)) {
                        return Future.failedFuture(new ProtocolError("forbidden", "Only hosts and moderators may do this."));
                    }
                    Moderation mod = services.moderation();
                    return switch (m.action()) {
                        case "delete" -> mod.delete(m.room(), m.seq(), p);
                        case "timeout" -> mod.timeout(m.room(), m.user(), m.seconds(), p);
                        case "ban" -> mod.ban(m.room(), m.user(), p);
                        case "unban" -> mod.unban(m.room(), m.user(), p);
                        case "slow" -> mod.slowMode(m.room(), (int) m.seconds(), p);
                        default -> mod.blockedWords(m.room(), m.words(), p);
                    };
                })
                .onComplete(ar -> {
                    if (ar.succeeded()) {
                        out.writeText(new JsonObject().put("type", "moderated").put("action", m.action())
                                .put("room", m.room()).put("result", ar.result()).encode());
                    } else {
                        error(ar.cause());
                    }
                });
    }

    static String role(Principal p) {
        if (p.roles().contains(Role.HOST)) {
            return "host";
        }
        return p.has(Role.MODERATOR) ? "moderator" : "viewer";
    }

    private void error(Throwable cause) {
        if (cause instanceof ProtocolError e) {
            out.writeText(ServerFrames.error(e.code(), e.getMessage(), e.retryAfterMs()));
        } else {
            out.writeText(ServerFrames.error("unavailable", "The chat cannot take this now; try again shortly.", 1000));
        }
        if (++errors > MAX_ERRORS) {
            close((short) 1008, "too many errors");
        }
    }

    /** 0 if a join may go ahead now (and takes it from the allowance), else how long until one may. */
    private long joinWait() {
        long now = System.nanoTime();
        long interval = TimeUnit.MINUTES.toNanos(1) / services.joinsPerMinute();
        long wholeAt = joinsWholeAt - now > 0 ? joinsWholeAt : now;
        long wait = wholeAt - now - interval * (services.joinsPerMinute() - 1);
        if (wait > 0) {
            return wait;
        }
        joinsWholeAt = wholeAt + interval;
        return 0;
    }

    private boolean takeToken() {
        long now = System.nanoTime();
        int rate = services.inboundPerSecond();
        long refill = (now - refilledAt) * rate / 1_000_000_000L;
        if (refill > 0) {
            tokens = Math.min(rate * 2L, tokens + refill);
            refilledAt = now;
        }
        if (tokens <= 0) {
            return false;
        }
        tokens--;
        return true;
    }

    /**
     * Sends a close frame with {@code code} and waits for the client's echo (RFC 6455 §7.1.1)
     * before closing the connection, at most {@link #CLOSE_WAIT_SECONDS}: closing at once with the
     * client's frames still unread would reset the connection, and the client would never read
     * the code. Frames read meanwhile are dropped.
     */
    void close(short code, String reason) {
        if (!closed) {
            closed = true;
            closing = true;
            out.markClosed();
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
            channel.eventLoop().schedule((Runnable) channel::close, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The client's close frame: the echo of ours (close now), or its own (echo it, then close). */
    void closedByPeer(CloseWebSocketFrame frame) {
        if (!closed) {
            closed = true;
            out.markClosed();
            channel.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
        } else {
            frame.release();
            if (closing) {
                channel.close();
            }
        }
    }
}
