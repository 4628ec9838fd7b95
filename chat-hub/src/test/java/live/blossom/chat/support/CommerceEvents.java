package live.blossom.chat.support;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import live.blossom.chat.room.RoomEvents;

/** Commerce events as the sale engine publishes them, for tests of how rooms show them. */
public final class CommerceEvents {

    private CommerceEvents() {
    }

    /** Publishes a sale's "units left" from {@code vertx}'s node. */
    public static void unitsLeft(Vertx vertx, String room, String sale, int left, int offered, long at) {
        vertx.eventBus().publish(RoomEvents.COMMERCE, new JsonObject().put("type", "units_left").put("room", room)
                .put("sale", sale).put("left", left).put("offered", offered).put("at", at));
    }
}
