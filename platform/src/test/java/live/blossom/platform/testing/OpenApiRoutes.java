package live.blossom.platform.testing;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;

/**
 * Both sides of the check that a module's OpenAPI document and its routes agree, each as a set
 * of operations written like {@code "POST /api/sales/{id}/orders"}.
 */
public final class OpenApiRoutes {

    private static final Set<String> VERBS = Set.of("get", "post", "put", "patch", "delete");

    private OpenApiRoutes() {
    }

    /** Every method route under {@code /api/} that the router serves, path parameters in OpenAPI form. */
    public static Set<String> routed(Router router) {
        Set<String> routes = new TreeSet<>();
        for (Route route : router.getRoutes()) {
            String path = route.getPath();
            if (path == null || !path.startsWith("/api/") || route.methods() == null) {
                continue;
            }
            String openApiPath = path.replaceAll(":([A-Za-z]+)", "{$1}");
            for (HttpMethod method : route.methods()) {
                routes.add(method.name() + " " + openApiPath);
            }
        }
        return routes;
    }

    /** Every operation of the OpenAPI 3 document at a classpath resource such as {@code /openapi/sale.yaml}. */
    @SuppressWarnings("unchecked")
    public static Set<String> documented(String resource) {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no OpenAPI document at " + resource);
            }
            Map<String, Object> doc = new Yaml().load(in);
            if (!String.valueOf(doc.get("openapi")).startsWith("3.")) {
                throw new IllegalStateException(resource + " is not an OpenAPI 3 document");
            }
            Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
            Set<String> operations = new TreeSet<>();
            paths.forEach((path, item) -> item.keySet().stream().filter(VERBS::contains)
                    .forEach(verb -> operations.add(verb.toUpperCase(Locale.ROOT) + " " + path)));
            return operations;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
