package live.blossom.edge.testing;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.file.Path;
import java.util.List;

/**
 * What a test class of the edge works with: a node, one client event loop for its publishers and
 * players, and a recorded stream to replay. Closing it stops all of it.
 */
public final class EdgeTestBed implements AutoCloseable {

    public final EdgeNode node;
    public final EventLoopGroup clients;
    public final List<FlvFixture.Tag> recording;

    private EdgeTestBed(EdgeNode node, EventLoopGroup clients, List<FlvFixture.Tag> recording) {
        this.node = node;
        this.clients = clients;
        this.recording = recording;
    }

    /** Takes over {@code node}; records {@code seconds} of video at {@code fps} and {@code bitrate} into {@code fixture}. */
    public static EdgeTestBed open(EdgeNode node, Path fixture, int seconds, int fps, int bitrate) throws Exception {
        EventLoopGroup clients = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            return new EdgeTestBed(node, clients, FlvFixture.record(fixture, seconds, fps, bitrate));
        } catch (Exception e) {
            clients.shutdownGracefully().syncUninterruptibly();
            node.close();
            throw e;
        }
    }

    @Override
    public void close() {
        clients.shutdownGracefully().syncUninterruptibly();
        node.close();
    }
}
