package live.blossom.sale.flash;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flash sale as kept in {@code sale:{S}:meta}. Times are epoch milliseconds; {@code opensAt} or
 * {@code closesAt} 0 means the host opens or closes it on cue ({@code openedAt}/{@code closedAt}).
 */
public record FlashSale(String id, String sku, String name, String imageUrl, long listPriceFen, long priceFen,
                        long offered, long limit, long opensAt, long closesAt, long openedAt, long closedAt,
                        long windowMs, String room, String merchant, long createdAt) {

    public static FlashSale fromHash(Map<String, String> h) {
        return new FlashSale(h.get("id"), h.get("sku"), h.get("name"), h.getOrDefault("imageUrl", ""),
                num(h, "listPriceFen"), num(h, "priceFen"), num(h, "offered"), num(h, "limit"), num(h, "opensAt"),
                num(h, "closesAt"), num(h, "openedAt"), num(h, "closedAt"), num(h, "windowMs"), h.get("room"),
                h.get("merchant"), num(h, "createdAt"));
    }

    private static long num(Map<String, String> h, String field) {
        String value = h.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** The fields written on creation (openedAt, closedAt and counters come later). */
    public Map<String, String> toHash() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("id", id);
        h.put("sku", sku);
        h.put("name", name);
        h.put("imageUrl", imageUrl);
        h.put("listPriceFen", Long.toString(listPriceFen));
        h.put("priceFen", Long.toString(priceFen));
        h.put("offered", Long.toString(offered));
        h.put("limit", Long.toString(limit));
        h.put("opensAt", Long.toString(opensAt));
        h.put("closesAt", Long.toString(closesAt));
        h.put("windowMs", Long.toString(windowMs));
        h.put("room", room);
        h.put("merchant", merchant);
        h.put("createdAt", Long.toString(createdAt));
        return h;
    }

    /** The same rule as reserve.lua: closed wins, then opened on cue or by the clock. */
    public SaleState state(long now) {
        if (closedAt > 0 || (closesAt > 0 && now >= closesAt)) {
            return SaleState.CLOSED;
        }
        if (openedAt > 0 || (opensAt > 0 && now >= opensAt)) {
            return SaleState.OPEN;
        }
        return SaleState.SCHEDULED;
    }

    /** When the sale opened or will open (0 if on cue and not yet opened). */
    public long openTime() {
        return openedAt > 0 ? openedAt : opensAt;
    }

    /** When the sale closed or will close (0 if on cue and not yet closed). */
    public long closeTime() {
        if (closedAt > 0) {
            return closesAt > 0 ? Math.min(closedAt, closesAt) : closedAt;
        }
        return closesAt;
    }

    public JsonObject toJson(long now, long left) {
        return new JsonObject().put("id", id).put("sku", sku).put("name", name).put("imageUrl", imageUrl)
                .put("listPriceFen", listPriceFen).put("priceFen", priceFen).put("offered", offered)
                .put("left", left).put("perUserLimit", limit).put("state", state(now).wire())
                .put("opensAt", openTime() > 0 ? openTime() : null).put("closesAt", closeTime() > 0 ? closeTime() : null)
                .put("paymentWindowSeconds", windowMs / 1000).put("room", room).put("merchant", merchant)
                .put("serverTime", now);
    }
}
