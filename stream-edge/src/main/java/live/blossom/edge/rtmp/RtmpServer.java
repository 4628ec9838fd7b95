package live.blossom.edge.rtmp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import live.blossom.edge.publish.PublishAuthorizer;
import live.blossom.edge.relay.StreamRegistry;

/** The RTMP listener: handshake, chunk codec and a session per connection, on the edge's event loops. */
public final class RtmpServer implements AutoCloseable {

    private final RtmpSettings settings;
    private final StreamRegistry registry;
    private final PublishAuthorizer authorizer;
    private final int formatIndex;
    private Channel server;

    /**
     * @param formatIndex index of the {@link RtmpFormat} among the registry's output formats
     */
    public RtmpServer(RtmpSettings settings, StreamRegistry registry, PublishAuthorizer authorizer, int formatIndex) {
        this.settings = settings;
        this.registry = registry;
        this.authorizer = authorizer;
        this.formatIndex = formatIndex;
    }

    public void start(EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(Transport.serverChannel(workers))
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.writeBufferLow(), settings.writeBufferHigh()))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        AcknowledgementWindow acks = new AcknowledgementWindow();
                        ch.pipeline().addLast(
                                new IdleStateHandler(settings.idleSeconds(), 0, 0, TimeUnit.SECONDS),
                                acks,
                                new ServerHandshake(),
                                new ChunkDecoder(settings.maxChunkSize(), settings.maxMessageSize(),
                                        settings.maxChunkStreams(), Amf0Reader.Limits.DEFAULT),
                                new ChunkEncoder(),
                                new RtmpSession(settings, registry, authorizer, formatIndex, acks));
                    }
                });
        if (settings.sendBuffer() > 0) {
            b.childOption(ChannelOption.SO_SNDBUF, settings.sendBuffer());
        }
        server = b.bind(settings.host(), settings.port()).sync().channel();
    }

    /** The port actually bound. */
    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
    }
}
