package live.blossom.sale.order;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/** An order as kept in {@code sale:{S}:order:<id>}. States: reserved, then paid, expired or cancelled. */
public record Order(String id, String sale, String user, String name, long units, long amountFen, String state,
                    long createdAt, long deadline, long paidAt, long endedAt, String paymentRef) {

    public static Order fromHash(String sale, Map<String, String> h) {
        return new Order(h.get("id"), sale, h.get("user"), h.getOrDefault("name", ""), num(h, "units"),
                num(h, "amountFen"), h.get("state"), num(h, "createdAt"), num(h, "deadline"), num(h, "paidAt"),
                num(h, "endedAt"), h.getOrDefault("paymentRef", ""));
    }

    private static long num(Map<String, String> h, String field) {
        String value = h.get(field);
        return value == null ? 0 : Long.parseLong(value);
    }

    /** True while the order holds stock: reserved or paid. */
    public boolean holdsStock() {
        return "reserved".equals(state) || "paid".equals(state);
    }

    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("id", id).put("sale", sale).put("state", state).put("units", units)
                .put("amountFen", amountFen).put("buyer", user).put("createdAt", createdAt).put("payBy", deadline);
        if (paidAt > 0) {
            json.put("paidAt", paidAt);
        }
        if (endedAt > 0) {
            json.put("endedAt", endedAt);
        }
        return json;
    }
}
