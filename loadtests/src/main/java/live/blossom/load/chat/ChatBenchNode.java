package live.blossom.load.chat;

import java.io.IOException;
import java.util.List;
import live.blossom.chat.ChatKeys;
import live.blossom.chat.ChatModule;
import live.blossom.platform.bootstrap.Platform;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.ConfigKey;
import live.blossom.platform.config.PlatformKeys;

/**
 * A Blossom chat node for the benchmark, in its own JVM. Arguments are {@code key=value} config
 * overrides. Prints {@code READY <httpPort> <pid>}; stops when its standard input closes, so it
 * never outlives the benchmark driver.
 */
public final class ChatBenchNode {

    /**
     * The JVM access Hazelcast asks for (its selector and buffer code), as the {@code blossom}
     * launcher grants it: without it a node warns and Hazelcast takes its slower paths.
     */
    static final List<String> HAZELCAST_ACCESS = List.of("--add-modules", "java.se",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED");

    private ChatBenchNode() {
    }

    public static void main(String[] args) throws IOException {
        // Load the key classes so that every key is registered before lookup by name.
        List.of(PlatformKeys.HTTP_PORT, ChatKeys.RING_CAPACITY);
        BlossomConfig config = BlossomConfig.defaults();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.substring(0, eq);
            ConfigKey key = ConfigKey.all().stream().filter(k -> k.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown config key " + name));
            config = config.with(key, arg.substring(eq + 1));
        }
        Platform platform = Platform.start(config, false, List.of(new ChatModule()));
        System.out.println("READY " + platform.httpPort() + " " + ProcessHandle.current().pid());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the driver to close our stdin
        }
        platform.close();
        System.exit(0);
    }
}
