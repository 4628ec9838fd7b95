package live.blossom.sale.order;

import live.blossom.sale.events.CommerceEvents;
import live.blossom.sale.flash.SaleDirectory;

/** What follows when units go back to a sale: every node forgets "sold out", the room sees the new count. */
public final class StockReturns {

    private final SoldOutFlags soldOut;
    private final SaleDirectory sales;
    private final CommerceEvents events;

    public StockReturns(SoldOutFlags soldOut, SaleDirectory sales, CommerceEvents events) {
        this.soldOut = soldOut;
        this.sales = sales;
        this.events = events;
    }

    public void after(String sale, Release release) {
        if (!release.returnedStock()) {
            return;
        }
        soldOut.clear(sale, release.restocks());
        sales.get(sale).onSuccess(s -> events.unitsLeft(s, release.left(), release.restocks()));
    }
}
