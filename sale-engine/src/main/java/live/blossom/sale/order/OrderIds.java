package live.blossom.sale.order;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Order ids carry their sale: {@code <saleId>-<time><random>}, so a payment callback that names only
 * the order finds the sale's keys without a lookup.
 */
public final class OrderIds {

    private static final Pattern ORDER_ID = Pattern.compile("[a-z0-9]{1,32}-[a-z0-9]{1,32}");

    private OrderIds() {
    }

    public static String next(String sale) {
        long random = ThreadLocalRandom.current().nextLong() >>> 4; // 60 random bits next to the millisecond
        return sale + "-" + Long.toString(System.currentTimeMillis(), 36) + Long.toString(random, 36);
    }

    /** The sale of a well-formed order id, or null. */
    public static String saleOf(String orderId) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            return null;
        }
        return orderId.substring(0, orderId.indexOf('-'));
    }
}
