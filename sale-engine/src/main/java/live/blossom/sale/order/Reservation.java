package live.blossom.sale.order;

import java.util.List;

/**
 * What reserve.lua answered.
 *
 * @param status   ok, dup, sold_out, limit_reached, not_open, closed or missing
 * @param orderId  the new order (ok) or the earlier one for this idempotency key (dup)
 * @param left     units left after the reservation (ok) or at the refusal (sold_out)
 * @param restocks the sale's restock counter, for the sold-out flag
 */
public record Reservation(String status, String orderId, long left, long deadline, long amountFen, long restocks,
                          long bought, long limit, long opensAt) {

    static Reservation of(List<Object> reply) {
        String status = (String) reply.get(0);
        return switch (status) {
            case "ok" -> new Reservation(status, (String) reply.get(1), num(reply, 2), num(reply, 3), num(reply, 4),
                    num(reply, 5), 0, 0, 0);
            case "dup" -> new Reservation(status, (String) reply.get(1), 0, 0, 0, 0, 0, 0, 0);
            case "sold_out" -> new Reservation(status, null, num(reply, 1), 0, 0, num(reply, 2), 0, 0, 0);
            case "limit_reached" -> new Reservation(status, null, 0, 0, 0, 0, num(reply, 1), num(reply, 2), 0);
            case "not_open" -> new Reservation(status, null, 0, 0, 0, 0, 0, 0, num(reply, 1));
            default -> new Reservation(status, null, 0, 0, 0, 0, 0, 0, 0);
        };
    }

    private static long num(List<Object> reply, int i) {
        Object value = reply.size() > i ? reply.get(i) : null;
        if (value instanceof Long l) {
            return l;
        }
        return value == null ? 0 : Long.parseLong(value.toString());
    }
}
