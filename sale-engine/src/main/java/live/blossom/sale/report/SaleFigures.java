package live.blossom.sale.report;

import io.vertx.core.json.JsonObject;
import live.blossom.sale.order.Order;

/** Units and money of one sale by order state, summed over its orders. Not thread-safe: one scan fills it. */
public final class SaleFigures {

    long orders;
    long unitsReserved;
    long unitsPaid;
    long unitsExpired;
    long unitsCancelled;
    long gmvPaidFen;
    long gmvUnpaidFen;

    void add(Order order) {
        orders++;
        switch (order.state()) {
            case "reserved" -> {
                unitsReserved += order.units();
                gmvUnpaidFen += order.amountFen();
            }
            case "paid" -> {
                unitsPaid += order.units();
                gmvPaidFen += order.amountFen();
            }
            case "expired" -> unitsExpired += order.units();
            case "cancelled" -> unitsCancelled += order.units();
            default -> {
                // unknown states count as orders only
            }
        }
    }

    /** Units that orders hold: reserved or paid. */
    public long unitsHeld() {
        return unitsReserved + unitsPaid;
    }

    public JsonObject toJson() {
        return new JsonObject().put("orders", orders).put("unitsReserved", unitsReserved).put("unitsPaid", unitsPaid)
                .put("unitsExpired", unitsExpired).put("unitsCancelled", unitsCancelled)
                .put("gmvPaidFen", gmvPaidFen).put("gmvUnpaidFen", gmvUnpaidFen);
    }
}
