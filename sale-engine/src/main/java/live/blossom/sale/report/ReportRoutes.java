package live.blossom.sale.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import live.blossom.platform.auth.Authentication;
import live.blossom.platform.auth.Principal;
import live.blossom.platform.auth.Role;
import live.blossom.platform.http.ApiException;
import live.blossom.sale.RedisFailures;
import live.blossom.sale.flash.FlashSale;
import live.blossom.sale.flash.SaleDirectory;
import live.blossom.sale.http.Replies;
import live.blossom.sale.order.Order;

/** The merchant's views of a sale: its orders page by page, a CSV export, figures and the stock audit. */
public final class ReportRoutes {

    private static final Pattern CURSOR = Pattern.compile("\\d{1,20}-\\d{1,20}");

    private final SaleDirectory sales;
    private final OrderLog log;
    private final SaleScan scan;

    public ReportRoutes(SaleDirectory sales, OrderLog log, SaleScan scan) {
        this.sales = sales;
        this.log = log;
        this.scan = scan;
    }

    public void mount(Router router, Authentication auth) {
        router.get("/api/sales/:id/orders").handler(auth.roles(Role.MERCHANT)).handler(this::orders);
        router.get("/api/sales/:id/orders.csv").handler(auth.roles(Role.MERCHANT)).handler(this::csv);
        router.get("/api/sales/:id/figures").handler(auth.roles(Role.MERCHANT)).handler(this::figures);
        router.get("/api/sales/:id/audit").handler(auth.roles(Role.MERCHANT)).handler(this::audit);
    }

    private Future<FlashSale> owned(RoutingContext ctx) {
        String id = Replies.saleId(ctx);
        Principal caller = Principal.of(ctx);
        return sales.get(id).map(sale -> {
            if (!caller.has(Role.ADMIN) && !sale.merchant().equals(caller.userId())) {
                throw ApiException.forbidden("This sale belongs to another merchant.");
            }
            return sale;
        });
    }

    private void orders(RoutingContext ctx) {
        String after = ctx.queryParams().get("after");
        if (after != null && !CURSOR.matcher(after).matches()) {
            throw ApiException.badRequest("invalid_cursor", "Parameter 'after' must be the 'next' value of a previous page.");
        }
        int limit = limit(ctx.queryParams().get("limit"));
        Replies.json(ctx, 200, owned(ctx).compose(sale -> log.page(sale.id(), after, limit)).map(page -> {
            JsonArray items = new JsonArray();
            page.orders().forEach(o -> items.add(o.toJson()));
            return new JsonObject().put("orders", items).put("next", page.next());
        }));
    }

    private static int limit(String raw) {
        if (raw == null) {
            return 50;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= 500) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw ApiException.badRequest("invalid_limit", "Parameter 'limit' must be a whole number from 1 to 500.");
    }

    private void figures(RoutingContext ctx) {
        Replies.json(ctx, 200, owned(ctx).compose(sale -> scan.figures(sale.id()).map(f -> f.toJson()
                .put("sale", sale.id()).put("offered", sale.offered()))));
    }

    private void audit(RoutingContext ctx) {
        Replies.json(ctx, 200, owned(ctx).compose(scan::audit));
    }

    private void csv(RoutingContext ctx) {
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        owned(ctx).onComplete(owned -> context.runOnContext(v -> {
            if (owned.failed()) {
                ctx.fail(RedisFailures.toApi(owned.cause()));
                return;
            }
            String id = owned.result().id();
            ctx.response().setChunked(true).putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"sale-" + id + "-orders.csv\"");
            ctx.response().write("order_id,buyer,units,amount_fen,state,created_at,pay_by,paid_at\n");
            writePages(ctx, id, null);
        }));
    }

    private void writePages(RoutingContext ctx, String sale, String after) {
        io.vertx.core.Context context = ctx.vertx().getOrCreateContext();
        log.page(sale, after, 500).onComplete(page -> context.runOnContext(v -> {
            if (page.failed()) {
                ctx.response().reset(); // the header is out: cut the download short rather than end it as complete
                return;
            }
            StringBuilder rows = new StringBuilder();
            for (Order o : page.result().orders()) {
                rows.append(o.id()).append(',').append(csvField(o.user())).append(',').append(o.units()).append(',')
                        .append(o.amountFen()).append(',').append(o.state()).append(',').append(o.createdAt()).append(',')
                        .append(o.deadline()).append(',').append(o.paidAt() > 0 ? Long.toString(o.paidAt()) : "").append('\n');
            }
            ctx.response().write(rows.toString()).onComplete(written -> {
                if (page.result().next() == null) {
                    ctx.response().end();
                } else {
                    writePages(ctx, sale, page.result().next());
                }
            });
        }));
    }

    /** Quotes a field that could break the row or start a spreadsheet formula. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        boolean formula = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0;
        String v = formula ? "'" + value : value;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
