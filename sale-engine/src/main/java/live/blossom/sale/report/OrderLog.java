package live.blossom.sale.report;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.blossom.sale.SaleKeyspace;
import live.blossom.sale.order.Order;

/**
 * Reads a sale's orders in the order they were placed, by walking the {@code reserved} entries of
 * the sale's log stream; a page's cursor is the stream id after which the next page starts.
 */
public final class OrderLog {

    private static final int CHUNK = 1000;

    /** A page of orders and the cursor of the next one (null at the end). */
    public record Page(List<Order> orders, String next) {
    }

    private final RedisAsyncCommands<String, String> redis;

    public OrderLog(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
    }

    public Future<Page> page(String sale, String after, int limit) {
        return orderIds(sale, after, limit, new ArrayList<>()).compose(ids -> {
            List<Future<Map<String, String>>> reads = new ArrayList<>();
            for (String[] id : ids) {
                reads.add(Future.fromCompletionStage(redis.hgetall(SaleKeyspace.order(sale, id[0]))));
            }
            return Future.all(reads).map(all -> {
                List<Order> orders = new ArrayList<>();
                for (int i = 0; i < reads.size(); i++) {
                    Map<String, String> hash = all.resultAt(i);
                    if (hash != null && !hash.isEmpty()) {
                        orders.add(Order.fromHash(sale, hash));
                    }
                }
                String next = ids.size() == limit ? ids.get(ids.size() - 1)[1] : null;
                return new Page(orders, next);
            });
        });
    }

    /** Up to {@code limit} (order id, stream id) pairs of reserved entries after {@code after}. */
    private Future<List<String[]>> orderIds(String sale, String after, int limit, List<String[]> found) {
        Range<String> range = after == null
                ? Range.unbounded()
                : Range.from(Range.Boundary.excluding(after), Range.Boundary.unbounded());
        return Future.fromCompletionStage(redis.xrange(SaleKeyspace.log(sale), range, Limit.create(0, CHUNK))).compose(entries -> {
            String last = after;
            for (StreamMessage<String, String> entry : entries) {
                last = entry.getId();
                if ("reserved".equals(entry.getBody().get("event"))) {
                    found.add(new String[] {entry.getBody().get("order"), entry.getId()});
                    if (found.size() == limit) {
                        return Future.succeededFuture(found);
                    }
                }
            }
            if (entries.size() < CHUNK) {
                return Future.succeededFuture(found);
            }
            return orderIds(sale, last, limit, found);
        });
    }
}
