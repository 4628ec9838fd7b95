package live.blossom.sale.flash;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import live.blossom.sale.events.CommerceEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces sales that open or close by the clock (or on cue) exactly once in the cluster: every node
 * watches the live sales, and the node whose HSETNX on the sale's meta wins publishes the event.
 */
public final class SaleSchedule {

    private static final Logger log = LoggerFactory.getLogger(SaleSchedule.class);

    private final Vertx vertx;
    private final SaleStore store;
    private final SaleDirectory directory;
    private final CommerceEvents events;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();
    private long timer = -1;
    private volatile boolean running; // cleared from a Redis reply thread

    public SaleSchedule(Vertx vertx, SaleStore store, SaleDirectory directory, CommerceEvents events) {
        this.vertx = vertx;
        this.store = store;
        this.directory = directory;
        this.events = events;
    }

    public SaleDirectory directory() {
        return directory;
    }

    public void start(long intervalMs) {
        timer = vertx.setPeriodic(intervalMs, id -> {
            if (running) {
                return;
            }
            running = true;
            tick().onComplete(done -> {
                running = false;
                if (done.failed()) {
                    log.debug("sale schedule tick failed: {}", done.cause().toString());
                }
            });
        });
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private Future<?> tick() {
        return store.live().compose(ids -> {
            List<Future<?>> all = ids.stream().<Future<?>>map(id -> directory.get(id).compose(sale -> {
                Future<?> done = announce(sale);
                if (sale.state(System.currentTimeMillis()) == SaleState.CLOSED) {
                    done = done.compose(x -> store.retireIfDone(sale.id()));
                }
                return done;
            })).toList();
            return Future.join(all);
        });
    }

    /** Publishes sale_opened / sale_closed for the sale's current state unless some node already did. */
    public Future<Void> announce(FlashSale sale) {
        SaleState state = sale.state(System.currentTimeMillis());
        if (state == SaleState.SCHEDULED) {
            return Future.succeededFuture();
        }
        String what = state == SaleState.OPEN ? "open" : "close";
        String mark = sale.id() + ":" + what;
        if (announced.contains(mark)) {
            return Future.succeededFuture();
        }
        // A sale that closed by the clock after opening by the clock may never have been announced open.
        Future<Void> opened = state == SaleState.CLOSED && sale.openTime() > 0 && sale.openTime() < sale.closeTime()
                && !announced.contains(sale.id() + ":open")
                ? claim(sale, "open") : Future.succeededFuture();
        return opened.compose(x -> claim(sale, what));
    }

    private Future<Void> claim(FlashSale sale, String what) {
        return store.claimAnnouncement(sale.id(), what).compose(won -> {
            announced.add(sale.id() + ":" + what);
            if (!won) {
                return Future.succeededFuture();
            }
            return store.left(sale.id()).map(left -> {
                if (what.equals("open")) {
                    events.saleOpened(sale, left);
                } else {
                    events.saleClosed(sale, left);
                }
                return null;
            });
        });
    }
}
