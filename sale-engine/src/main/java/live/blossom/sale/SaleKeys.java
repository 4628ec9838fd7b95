package live.blossom.sale;

import live.blossom.platform.config.ConfigKey;

/** Configuration keys of the sale engine. */
public final class SaleKeys {

    private SaleKeys() {
    }

    public static final ConfigKey PAYMENT_WINDOW = ConfigKey.of("sale.payment-window", "10m",
            "Default time a buyer has to pay a reserved order before it expires and its units go back.");
    public static final ConfigKey PAYMENT_SECRET = ConfigKey.of("sale.payment-secret", "",
            "HMAC-SHA256 secret shared with the payment provider for X-Blossom-Signature; empty generates one under data.dir.");
    public static final ConfigKey USER_RATE = ConfigKey.of("sale.user-rate", "5",
            "Buy attempts per second one user may make (burst of the same size); more get 429.");
    public static final ConfigKey IP_RATE = ConfigKey.of("sale.ip-rate", "200",
            "Buy attempts per second one client address may make (burst of the same size); more get 429.");
    public static final ConfigKey RATE_ENTRIES = ConfigKey.of("sale.rate-entries", "100000",
            "How many users and addresses the rate limiter remembers at most (oldest forgotten first).");
    public static final ConfigKey MAX_IN_FLIGHT = ConfigKey.of("sale.max-in-flight", "2000",
            "Redis calls a node keeps in flight for buyers; above it buyers get 503 with Retry-After at once.");
    public static final ConfigKey BUY_CONNECTIONS = ConfigKey.of("sale.buy-connections", "4",
            "Redis connections a node uses for purchases, in turn (more let one AOF fsync cover more purchases).");
    public static final ConfigKey TOKEN_CACHE = ConfigKey.of("sale.token-cache", "50000",
            "Verified bearer tokens a node remembers, so a returning buyer's token is not verified again.");
    public static final ConfigKey SWEEP_INTERVAL = ConfigKey.of("sale.sweep-interval", "1s",
            "How often each node looks for unpaid orders past their deadline (the expiry is safe on every node).");
    public static final ConfigKey SOLD_OUT_RECHECK = ConfigKey.of("sale.sold-out-recheck", "5s",
            "How long a node answers sold out from memory before it lets one request check Redis again.");
    public static final ConfigKey EVENT_INTERVAL = ConfigKey.of("sale.event-interval", "100ms",
            "Window in which units_left and order_placed events of a sale are coalesced into one each.");
}
