package live.blossom.edge.rtmp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultPromise;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A minimal RTMP client on the edge's own codec: connects, creates a stream and publishes or
 * plays it. Serves test publishers, benchmark players and origin pulls. {@link #ready()}
 * completes when the server answered Publish.Start / Play.Start, or fails with the status
 * code the server sent (e.g. {@code NetStream.Publish.BadName}).
 */
public final class RtmpClient {

    public enum Mode { PUBLISH, PLAY }

    private final Channel channel;
    private final Promise<Integer> ready;

    private RtmpClient(Channel channel, Promise<Integer> ready) {
        this.channel = channel;
        this.ready = ready;
    }

    /**
     * @param onMedia for players: every audio, video and data message (released after the call)
     */
    public static RtmpClient connect(EventLoopGroup group, SocketAddress server, SocketAddress local, String app,
            String tcUrl, Mode mode, String streamName, Consumer<RtmpMessage> onMedia) {
        // The promise and the session handler exist before the channel does: installed by the
        // initializer, they cannot miss a handshake that completes at once.
        Promise<Integer> ready = new DefaultPromise<>(GlobalEventExecutor.INSTANCE);
        Handler handler = new Handler(app, tcUrl, mode, streamName, onMedia, ready);
        Bootstrap b = new Bootstrap().group(group).channel(Transport.socketChannel(group))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ClientHandshake(), new ChunkDecoder(), new ChunkEncoder(), handler);
                    }
                });
        ChannelFuture connecting = local == null ? b.connect(server) : b.connect(server, local);
        Channel ch = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
            }
        });
        ch.closeFuture().addListener(f -> ready.tryFailure(new IllegalStateException("connection closed")));
        return new RtmpClient(ch, ready);
    }

    /** Completes with the message stream id once publishing or playing has started. */
    public Promise<Integer> ready() {
        return ready;
    }

    public Channel channel() {
        return channel;
    }

    /** Sends a media or data message on the published stream (timestamp as given). */
    public void send(RtmpMessage message, boolean flush) {
        if (flush) {
            channel.writeAndFlush(message, channel.voidPromise());
        } else {
            channel.write(message, channel.voidPromise());
        }
    }

    /** Stops on purpose: FCUnpublish + deleteStream (publisher) or deleteStream (player), then close. */
    public void stop() {
        if (channel.isActive()) {
            channel.write(CommandMessage.of(0, "FCUnpublish", 0, null, "x"));
            channel.writeAndFlush(CommandMessage.of(0, "deleteStream", 0, null, 1.0))
                    .addListener(f -> channel.close());
        }
    }

    /** Drops the connection without unpublishing, like a lost uplink. */
    public void drop() {
        channel.close();
    }

    private static final class Handler extends SimpleChannelInboundHandler<RtmpMessage> {

        private final String app;
        private final String tcUrl;
        private final Mode mode;
        private final String streamName;
        private final Consumer<RtmpMessage> onMedia;
        private final Promise<Integer> ready;
        private int streamId;

        Handler(String app, String tcUrl, Mode mode, String streamName, Consumer<RtmpMessage> onMedia,
                Promise<Integer> ready) {
            super(RtmpMessage.class, false);
            this.app = app;
            this.tcUrl = tcUrl;
            this.mode = mode;
            this.streamName = streamName;
            this.onMedia = onMedia;
            this.ready = ready;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof HandshakeDone) {
                ctx.write(new SetChunkSize(60_000));
                Map<String, Object> props = new LinkedHashMap<>();
                props.put("app", app);
                props.put("type", "nonprivate");
                props.put("flashVer", "FMLE/3.0 (compatible; Blossom)");
                props.put("tcUrl", tcUrl);
                ctx.writeAndFlush(CommandMessage.of(0, "connect", 1, props));
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RtmpMessage msg) {
            try {
                if (msg instanceof CommandMessage c) {
                    command(ctx, c);
                } else if (msg instanceof MediaPayload || msg instanceof DataMessage) {
                    if (onMedia != null) {
                        onMedia.accept(msg);
                    }
                } else if (msg instanceof UserControl u && u.event() == UserControl.PING_REQUEST) {
                    ctx.writeAndFlush(UserControl.pingResponse(u.value()));
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void command(ChannelHandlerContext ctx, CommandMessage c) {
            if (c.name().equals("_result") && c.transactionId() == 1) {
                if (mode == Mode.PUBLISH) {
                    ctx.write(CommandMessage.of(0, "releaseStream", 2, null, streamName));
                    ctx.write(CommandMessage.of(0, "FCPublish", 3, null, streamName));
                }
                ctx.writeAndFlush(CommandMessage.of(0, "createStream", 4, (Object) null));
            } else if (c.name().equals("_result") && c.transactionId() == 4) {
                streamId = c.argument(1) instanceof Double d ? d.intValue() : 1;
                if (mode == Mode.PUBLISH) {
                    ctx.writeAndFlush(CommandMessage.of(streamId, "publish", 5, null, streamName, "live"));
                } else {
                    ctx.write(new UserControl(UserControl.SET_BUFFER_LENGTH, streamId, 1000));
                    ctx.writeAndFlush(CommandMessage.of(streamId, "play", 5, null, streamName, -1000.0));
                }
            } else if (c.name().equals("_error")) {
                ready.tryFailure(new IllegalStateException(code(c)));
                ctx.close();
            } else if (c.name().equals("onStatus")) {
                String code = code(c);
                if (code.equals("NetStream.Publish.Start") || code.equals("NetStream.Play.Start")) {
                    ready.trySuccess(streamId);
                } else if (code.contains("BadName") || code.contains("NotFound") || code.contains("Failed")
                        || code.contains("Rejected")) {
                    ready.tryFailure(new IllegalStateException(code));
                }
            }
        }

        private static String code(CommandMessage c) {
            for (Object arg : c.arguments()) {
                if (arg instanceof Map<?, ?> info && info.get("code") instanceof String code) {
                    return code;
                }
            }
            return "";
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ready.tryFailure(cause);
            ctx.close();
        }
    }
}
