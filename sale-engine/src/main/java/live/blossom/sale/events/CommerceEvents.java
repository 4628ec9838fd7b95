package live.blossom.sale.events;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import live.blossom.sale.catalog.Product;
import live.blossom.sale.flash.FlashSale;

/**
 * Publishes the sale engine's events on {@code blossom.commerce} (every node receives them). Stock
 * changes and orders arrive by the thousand during a rush; they are coalesced per sale into at most
 * one {@code units_left} and one {@code order_placed} event per window (100 ms: 10 per second).
 */
public final class CommerceEvents {

    public static final String ADDRESS = "blossom.commerce";

    /** What happened to one sale since the last window. Guarded by its own monitor. */
    private static final class Pending {
        final String room;
        final long offered;
        long left = -1;
        long leftEpoch = -1;
        int orders;
        String lastBuyer;
        long lastUnits;
        boolean flushed; // taken by a window: updates go to a fresh Pending

        Pending(String room, long offered) {
            this.room = room;
            this.offered = offered;
        }

        void newer(long count, long epoch) {
            if (epoch > leftEpoch || (epoch == leftEpoch && count < left)) {
                left = count;
                leftEpoch = epoch;
            }
        }
    }

    private final Vertx vertx;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private long timer = -1;

    public CommerceEvents(Vertx vertx) {
        this.vertx = vertx;
    }

    public void start(long intervalMs) {
        timer = vertx.setPeriodic(intervalMs, id -> flush());
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public void saleOpened(FlashSale sale, long left) {
        publish(base("sale_opened", sale.room(), sale.id()).put("price", sale.priceFen()).put("offered", sale.offered())
                .put("left", left).put("closesAt", sale.closeTime() > 0 ? sale.closeTime() : null));
    }

    public void saleClosed(FlashSale sale, long left) {
        publish(base("sale_closed", sale.room(), sale.id()).put("left", left));
    }

    public void soldOut(FlashSale sale) {
        publish(base("sold_out", sale.room(), sale.id()));
    }

    public void productPinned(String room, Product product, String saleId) {
        JsonObject event = base("product_pinned", room, saleId).put("product", new JsonObject().put("sku", product.sku())
                .put("name", product.name()).put("priceFen", product.priceFen()).put("imageUrl", product.imageUrl()));
        publish(event);
    }

    /**
     * Stock of a sale changed; sent with the next window. Replies reach us out of order, so the
     * newest count wins: the highest restock counter, and within it the lowest count (between
     * restocks stock only goes down).
     */
    public void unitsLeft(FlashSale sale, long left, long restocks) {
        while (true) {
            Pending p = pending.computeIfAbsent(sale.id(), id -> new Pending(sale.room(), sale.offered()));
            synchronized (p) {
                if (!p.flushed) {
                    p.newer(left, restocks);
                    return;
                }
            }
        }
    }

    /** Someone bought; sent with the next window together with the others of that window. */
    public void orderPlaced(FlashSale sale, String buyerName, long units, long left, long restocks) {
        String masked = BuyerNames.mask(buyerName);
        while (true) {
            Pending p = pending.computeIfAbsent(sale.id(), id -> new Pending(sale.room(), sale.offered()));
            synchronized (p) {
                if (!p.flushed) {
                    p.orders++;
                    p.lastBuyer = masked;
                    p.lastUnits = units;
                    p.newer(left, restocks);
                    return;
                }
            }
        }
    }

    void flush() {
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Pending> entry = it.next();
            Pending p = entry.getValue();
            it.remove(); // a later change makes a fresh Pending for the next window
            JsonObject orders = null;
            JsonObject units = null;
            synchronized (p) {
                p.flushed = true;
                if (p.orders > 0) {
                    orders = base("order_placed", p.room, entry.getKey()).put("buyer", p.lastBuyer)
                            .put("units", p.lastUnits).put("count", p.orders);
                }
                if (p.left >= 0) {
                    units = base("units_left", p.room, entry.getKey()).put("left", p.left).put("offered", p.offered);
                }
            }
            if (orders != null) {
                publish(orders);
            }
            if (units != null) {
                publish(units);
            }
        }
    }

    private static JsonObject base(String type, String room, String saleId) {
        JsonObject event = new JsonObject().put("type", type).put("room", room);
        if (saleId != null) {
            event.put("sale", saleId);
        }
        return event.put("at", System.currentTimeMillis());
    }

    private void publish(JsonObject event) {
        vertx.eventBus().publish(ADDRESS, event);
    }
}
