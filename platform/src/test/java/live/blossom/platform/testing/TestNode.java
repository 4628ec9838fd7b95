package live.blossom.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;

/** Configuration for a node started inside a test: free ports, a temporary data directory, a fixed JWT secret. */
public final class TestNode {

    /** Secret shared by tests that need to mint their own tokens (32+ bytes). */
    public static final String JWT_SECRET = "test-secret-for-blossom-tests-0123456789";

    private TestNode() {
    }

    public static BlossomConfig config(Path dataDir) {
        return BlossomConfig.defaults()
                .with(PlatformKeys.HTTP_HOST, "127.0.0.1")
                .with(PlatformKeys.HTTP_PORT, 0)
                .with(PlatformKeys.HTTP_INSTANCES, 1)
                .with(PlatformKeys.DATA_DIR, dataDir.toString())
                .with(PlatformKeys.JWT_SECRET, JWT_SECRET);
    }

    /** A TCP port that was free a moment ago, for a member's cluster port. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
