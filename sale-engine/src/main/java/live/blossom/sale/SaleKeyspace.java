package live.blossom.sale;

/**
 * Redis key names of the sale engine. Every key of a sale carries the hash tag {@code {S}}, so one
 * Lua script touches one cluster slot.
 */
public final class SaleKeyspace {

    /** Sales whose windows or unpaid orders still need watching by the schedulers. */
    public static final String LIVE_SALES = "sales:live";

    private SaleKeyspace() {
    }

    public static String meta(String sale) {
        return "sale:{" + sale + "}:meta";
    }

    public static String stock(String sale) {
        return "sale:{" + sale + "}:stock";
    }

    public static String buyers(String sale) {
        return "sale:{" + sale + "}:buyers";
    }

    public static String idem(String sale) {
        return "sale:{" + sale + "}:idem";
    }

    public static String order(String sale, String orderId) {
        return "sale:{" + sale + "}:order:" + orderId;
    }

    public static String log(String sale) {
        return "sale:{" + sale + "}:log";
    }

    public static String deadlines(String sale) {
        return "sale:{" + sale + "}:deadlines";
    }

    public static String product(String sku) {
        return "product:{" + sku + "}";
    }

    public static String merchantProducts(String merchant) {
        return "merchant:" + merchant + ":products";
    }

    public static String merchantSales(String merchant) {
        return "merchant:" + merchant + ":sales";
    }

    public static String roomSales(String room) {
        return "room:" + room + ":sales";
    }

    public static String roomPin(String room) {
        return "room:" + room + ":pin";
    }

    /** The keys a stock-returning transition (pay, cancel, expire) touches, in their KEYS order. */
    public static String[] releaseKeys(String sale, String orderId) {
        return new String[] {order(sale, orderId), stock(sale), buyers(sale), deadlines(sale), log(sale), meta(sale)};
    }
}
