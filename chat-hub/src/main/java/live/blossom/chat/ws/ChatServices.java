package live.blossom.chat.ws;

import io.micrometer.core.instrument.Timer;
import io.vertx.core.Context;
import live.blossom.chat.fanout.RoomRegistry;
import live.blossom.chat.moderation.Moderation;
import live.blossom.chat.moderation.SendGate;
import live.blossom.chat.protocol.ClientMessageDecoder;
import live.blossom.chat.room.RoomLog;
import live.blossom.platform.auth.TokenAuthority;

/**
 * What a chat connection needs from the node, captured once so that sessions hold one reference.
 *
 * @param maxFrameBytes       larger client frames close the connection with 1009
 * @param inboundPerSecond    client frames per second before the connection is closed with 1008
 * @param joinsPerMinute      rooms a connection may join a minute; each join opens the room's feed and lease
 * @param stallMillis         how long a viewer may stay unwritable before it is dropped
 * @param writeHighWater      bytes queued for a viewer above which it misses batches
 * @param socketSendBuffer    SO_SNDBUF of a viewer's socket (0 = the system's autotuning)
 * @param deflateMinBytes     batches this large or larger go compressed to clients that negotiated
 *                            permessage-deflate; -1 declines the extension
 * @param appendTime          from a line read off the socket to its place in the room's ring
 * @param intake              where lines sent are checked and appended (one ordered context per node)
 */
public record ChatServices(ClientMessageDecoder decoder, RoomRegistry rooms, RoomLog roomLog, SendGate gate,
                           Moderation moderation, TokenAuthority tokens, int maxFrameBytes, int inboundPerSecond,
                           int joinsPerMinute, long stallMillis, int writeHighWater, int socketSendBuffer,
                           int deflateMinBytes, Runnable onSlowViewer,
                           Timer appendTime, Context intake) {

    public ChatServices {
        if (joinsPerMinute < 1) {
            throw new IllegalArgumentException("chat.joins-per-minute must be at least 1, not " + joinsPerMinute);
        }
    }
}
