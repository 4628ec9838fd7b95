package live.blossom.sale.order;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts buyer requests waiting on Redis. Above the bound a request is shed at once (503) instead
 * of joining a queue that would only make every buyer wait longer.
 */
public final class InFlight {

    private final int max;
    private final AtomicInteger current = new AtomicInteger();

    public InFlight(int max) {
        this.max = max;
    }

    public boolean tryEnter() {
        if (current.incrementAndGet() > max) {
            current.decrementAndGet();
            return false;
        }
        return true;
    }

    public void leave() {
        current.decrementAndGet();
    }

    public int current() {
        return current.get();
    }
}
