package live.blossom.chat.support;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import live.blossom.chat.ChatModule;
import live.blossom.platform.auth.Role;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;
import live.blossom.platform.testing.TestNode;

/** A Blossom node with the chat module, started inside the test JVM. */
public final class ChatNode implements AutoCloseable {

    public final Platform platform;
    /** The client side's own Vert.x, closed with the node. */
    public final Vertx clients = Vertx.vertx();

    private ChatNode(Platform platform) {
        this.platform = platform;
    }

    public static ChatNode start(BlossomConfig config) {
        return new ChatNode(Platform.start(config, false, List.of(new ChatModule())));
    }

    public static BlossomConfig config(Path dir) {
        // The chat plane does not use Redis, but the platform connects at start: on a busy
        // machine the default 300 ms connect budget is too tight.
        return TestNode.config(dir).with(PlatformKeys.REDIS_TIMEOUT, "5s");
    }

    /** The config of an in-process member of a test cluster: its cluster port, all members, a shared Redis. */
    public static BlossomConfig member(Path dataDir, int clusterPort, String members, String redisUri) {
        return config(dataDir).with(PlatformKeys.CLUSTER_PORT, clusterPort)
                .with(PlatformKeys.CLUSTER_MEMBERS, members).with(PlatformKeys.REDIS_URL, redisUri);
    }

    /** Closes each of {@code parts} that was started, in the order given. */
    public static void closeAll(AutoCloseable... parts) throws Exception {
        for (AutoCloseable part : parts) {
            if (part != null) {
                part.close();
            }
        }
    }

    public int port() {
        return platform.httpPort();
    }

    /** A chat client connected to this node, signed in with {@code token} (null: anonymous). */
    public ChatClient connect(String token) {
        return ChatClient.connect(clients, port(), token);
    }

    /** The same, with {@code compress}: offering permessage-deflate and compressing what it sends. */
    public ChatClient connect(String token, boolean compress) {
        return ChatClient.connect(clients, port(), token, compress);
    }

    public String token(String user, Role... roles) {
        return platform.auth().tokens().issue(user, user, Set.of(roles));
    }

    @Override
    public void close() {
        clients.close();
        platform.close();
    }
}
