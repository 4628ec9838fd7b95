package live.blossom.sale.order;

import java.util.List;

/**
 * What a stock-returning script (pay, cancel, expire) answered.
 *
 * @param status   the script's first reply (ok, late, expired, cancelled, paid, missing ...)
 * @param left     units left after stock came back (-1 when none came back)
 * @param restocks the sale's restock counter after it (-1 when none came back)
 */
public record Release(String status, String detail, long left, long restocks) {

    public static Release of(List<Object> reply) {
        String status = (String) reply.get(0);
        if (reply.size() >= 3 && reply.get(1) instanceof Long left && reply.get(2) instanceof Long restocks) {
            return new Release(status, null, left, restocks);
        }
        return new Release(status, reply.size() > 1 ? String.valueOf(reply.get(1)) : null, -1, -1);
    }

    public boolean returnedStock() {
        return restocks >= 0;
    }
}
