package live.blossom.edge.testing;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import live.blossom.edge.EdgeKeys;
import live.blossom.edge.EdgeModule;
import live.blossom.edge.publish.PublishAuthorizer;
import live.blossom.edge.publish.PublishPermit;
import live.blossom.platform.auth.Role;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.testing.TestNode;

/** A node with the edge module on free ports, for tests; its Redis comes from the platform's launcher. */
public final class EdgeNode implements AutoCloseable {

    /** Lets every stream publish, with no end: for tests about the relay rather than keys. */
    public static final PublishAuthorizer ANYONE_MAY_PUBLISH =
            (app, stream, key, remote) -> io.vertx.core.Future.succeededFuture(new PublishPermit(stream, null));

    public final Platform platform;
    public final EdgeModule edge;
    public final WebClient http;

    private EdgeNode(Platform platform, EdgeModule edge) {
        this.platform = platform;
        this.edge = edge;
        this.http = WebClient.create(platform.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(platform.httpPort()));
    }

    public static EdgeNode start(Path dir, String grace) {
        return start(dir, grace, null, c -> c);
    }

    public static EdgeNode start(Path dir, String grace, PublishAuthorizer authorizer,
            java.util.function.UnaryOperator<BlossomConfig> tweak) {
        BlossomConfig config = TestNode.config(dir)
                .with(EdgeKeys.RTMP_HOST, "127.0.0.1")
                .with(EdgeKeys.RTMP_PORT, 0)
                .with(EdgeKeys.RTMP_THREADS, 2)
                .with(EdgeKeys.GRACE, grace);
        // The platform connects to Redis with a 300 ms timeout; on a loaded machine that can
        // miss once, so start-up is tried a few times.
        for (int attempt = 1; ; attempt++) {
            EdgeModule edge = authorizer == null ? new EdgeModule() : new EdgeModule(authorizer);
            try {
                Platform platform = Platform.start(tweak.apply(config), false, List.of(edge));
                return new EdgeNode(platform, edge);
            } catch (RuntimeException e) {
                if (attempt == 3 || !String.valueOf(e).concat(String.valueOf(e.getCause())).contains("Redis")) {
                    throw e;
                }
            }
        }
    }

    public String rtmpBase() {
        return "rtmp://127.0.0.1:" + edge.rtmpPort() + "/live";
    }

    public String httpBase() {
        return "http://127.0.0.1:" + platform.httpPort();
    }

    public String merchantToken() {
        return platform.auth().tokens().issue("merchant-1", "Merchant", Set.of(Role.MERCHANT));
    }

    /** Creates a stream through the API and returns its key. */
    public String createStream(String name) {
        JsonObject body = Platform.await(http.post("/api/streams").bearerTokenAuthentication(merchantToken())
                .sendJsonObject(new JsonObject().put("name", name)), "create stream").bodyAsJsonObject();
        return body.getString("key");
    }

    @Override
    public void close() {
        http.close();
        platform.close();
    }
}
