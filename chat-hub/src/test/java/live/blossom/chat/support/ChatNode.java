package live.blossom.chat.support;

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

    public int port() {
        return platform.httpPort();
    }

    public String token(String user, Role... roles) {
        return platform.auth().tokens().issue(user, user, Set.of(roles));
    }

    @Override
    public void close() {
        platform.close();
    }
}
