package live.blossom.sale.catalog;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A merchant's product.
 *
 * @param stock units the merchant holds and has not yet put into a flash sale
 */
public record Product(String sku, String name, String description, String imageUrl, long priceFen, long stock,
                      String merchant) {

    public static Product fromHash(Map<String, String> hash) {
        return new Product(hash.get("sku"), hash.get("name"), hash.getOrDefault("description", ""),
                hash.getOrDefault("imageUrl", ""), Long.parseLong(hash.get("priceFen")),
                Long.parseLong(hash.get("stock")), hash.get("merchant"));
    }

    public Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put("sku", sku);
        hash.put("name", name);
        hash.put("description", description);
        hash.put("imageUrl", imageUrl);
        hash.put("priceFen", Long.toString(priceFen));
        hash.put("stock", Long.toString(stock));
        hash.put("merchant", merchant);
        return hash;
    }

    public JsonObject toJson() {
        return new JsonObject().put("sku", sku).put("name", name).put("description", description)
                .put("imageUrl", imageUrl).put("priceFen", priceFen).put("stock", stock).put("merchant", merchant);
    }
}
