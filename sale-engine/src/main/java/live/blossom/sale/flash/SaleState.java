package live.blossom.sale.flash;

import java.util.Locale;

/** Where a flash sale is in its life: scheduled, then open, then closed. */
public enum SaleState {
    SCHEDULED, OPEN, CLOSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
