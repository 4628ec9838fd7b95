package live.blossom.chat.support;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import live.blossom.platform.config.PlatformKeys;

/**
 * A chat node in its own JVM, for tests that kill a member with kill -9.
 * Arguments: data dir, cluster port, member list, Redis URL. Prints {@code READY <httpPort>}.
 */
public final class ClusterNodeMain {

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        ChatNode node = ChatNode.start(ChatNode.config(Path.of(args[0]))
                .with(PlatformKeys.CLUSTER_PORT, args[1])
                .with(PlatformKeys.CLUSTER_MEMBERS, args[2])
                .with(PlatformKeys.REDIS_URL, args[3]));
        System.out.println("READY " + node.port());
        System.out.flush();
        new CountDownLatch(1).await(); // until killed
    }
}
