package live.blossom.edge.rtmp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import live.blossom.edge.publish.PublishAuthorizer;
import live.blossom.edge.publish.PublishName;
import live.blossom.edge.publish.PublishPermit;
import live.blossom.edge.relay.LiveStream;
import live.blossom.edge.relay.Publication;
import live.blossom.edge.relay.StreamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one RTMP connection after the handshake: NetConnection and NetStream
 * commands with the replies clients expect, protocol control (acknowledgement window, ping),
 * and either a publication into the relay or a player attached to it.
 */
final class RtmpSession extends SimpleChannelInboundHandler<RtmpMessage> {

    private static final Logger log = LoggerFactory.getLogger(RtmpSession.class);
    private static final int STREAM_ID = 1;

    private final RtmpSettings settings;
    private final StreamRegistry registry;
    private final PublishAuthorizer authorizer;
    private final int formatIndex;
    private final AcknowledgementWindow acknowledgements;
    private String app;
    private boolean connected;
    private boolean publishRequested;
    private Publication publication;
    private RtmpPlayViewer viewer;
    private ScheduledFuture<?> permitEnd;

    RtmpSession(RtmpSettings settings, StreamRegistry registry, PublishAuthorizer authorizer, int formatIndex,
            AcknowledgementWindow acknowledgements) {
        super(RtmpMessage.class, false);
        this.settings = settings;
        this.registry = registry;
        this.authorizer = authorizer;
        this.formatIndex = formatIndex;
        this.acknowledgements = acknowledgements;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RtmpMessage msg) {
        if (msg instanceof VideoMessage v) {
            if (publication != null) {
                publication.video(v.timestamp(), v.payload());
            } else {
                v.release();
            }
        } else if (msg instanceof AudioMessage a) {
            if (publication != null) {
                publication.audio(a.timestamp(), a.payload());
            } else {
                a.release();
            }
        } else if (msg instanceof CommandMessage c) {
            command(ctx, c);
        } else if (msg instanceof DataMessage d) {
            data(ctx, d);
        } else if (msg instanceof WindowAckSize w) {
            acknowledgements.window(w.size());
        } else if (msg instanceof UserControl u && u.event() == UserControl.PING_REQUEST) {
            ctx.writeAndFlush(UserControl.pingResponse(u.value()));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void command(ChannelHandlerContext ctx, CommandMessage c) {
        switch (c.name()) {
            case "connect" -> connect(ctx, c);
            case "releaseStream", "FCPublish" -> ctx.writeAndFlush(RtmpReplies.result(c.transactionId(), Amf0.UNDEFINED_VALUE));
            case "createStream" -> ctx.writeAndFlush(RtmpReplies.result(c.transactionId(), (double) STREAM_ID));
            case "getStreamLength" -> ctx.writeAndFlush(RtmpReplies.result(c.transactionId(), 0.0)); // live: no length
            case "publish" -> publish(ctx, c);
            case "play" -> play(ctx, c);
            case "FCUnpublish", "deleteStream", "closeStream" -> stop(ctx, c);
            default -> {
                // getStreamLength, receiveAudio, _checkbw ...: answered when a reply is expected.
                if (c.transactionId() > 0) {
                    ctx.writeAndFlush(RtmpReplies.result(c.transactionId(), null));
                }
            }
        }
    }

    private void connect(ChannelHandlerContext ctx, CommandMessage c) {
        Object command = c.argument(0);
        app = command instanceof Map<?, ?> m && m.get("app") instanceof String s ? s : "";
        String base = app.split("[/?]", 2)[0];
        if (!base.equals(settings.app())) {
            log.info("rtmp connect refused app={} remote={}", app, ctx.channel().remoteAddress());
            ctx.writeAndFlush(RtmpReplies.connectRejected(c.transactionId(), "Unknown application; use /" + settings.app()))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        connected = true;
        ctx.write(new WindowAckSize(settings.windowAckSize()));
        ctx.write(new SetPeerBandwidth(settings.windowAckSize(), SetPeerBandwidth.DYNAMIC));
        ctx.write(new SetChunkSize(settings.chunkSize()));
        ctx.writeAndFlush(RtmpReplies.connectResult(c.transactionId()));
    }

    private void publish(ChannelHandlerContext ctx, CommandMessage c) {
        if (!connected || publishRequested || viewer != null) {
            refusePublish(ctx, "publish out of order", "NetStream.Publish.BadName");
            return;
        }
        publishRequested = true;
        PublishName name = PublishName.parse(app, c.argument(1) instanceof String s ? s : "");
        String remote = String.valueOf(ctx.channel().remoteAddress());
        if (name.stream() == null) {
            refusePublish(ctx, "invalid stream name", "NetStream.Publish.BadName");
            return;
        }
        authorizer.authorize(name.app(), name.stream(), name.key(), remote).onComplete(result ->
                ctx.executor().execute(() -> {
                    if (!ctx.channel().isActive()) {
                        return;
                    }
                    if (result.failed()) {
                        refusePublish(ctx, "stream " + name.stream() + ": " + result.cause().getMessage(),
                                "NetStream.Publish.BadName");
                        return;
                    }
                    start(ctx, result.result());
                }));
    }

    private void start(ChannelHandlerContext ctx, PublishPermit permit) {
        Publication p = registry.publish(permit.stream(), ctx.channel().eventLoop());
        if (p == null) {
            refusePublish(ctx, "stream " + permit.stream() + " already has a publisher", "NetStream.Publish.BadName");
            return;
        }
        publication = p;
        ctx.write(UserControl.streamBegin(STREAM_ID));
        ctx.writeAndFlush(RtmpReplies.status(STREAM_ID, "status", "NetStream.Publish.Start",
                permit.stream() + " is now published."));
        log.info("publish started stream={} remote={}", permit.stream(), ctx.channel().remoteAddress());
        Instant notAfter = permit.notAfter();
        if (notAfter != null) {
            long delay = Math.max(0, notAfter.toEpochMilli() - System.currentTimeMillis());
            permitEnd = ctx.executor().schedule(() -> {
                log.info("publish permit ended stream={}", permit.stream());
                endPublication();
                ctx.writeAndFlush(RtmpReplies.status(STREAM_ID, "status", "NetStream.Unpublish.Success",
                        "The publishing window is over.")).addListener(ChannelFutureListener.CLOSE);
            }, delay, TimeUnit.MILLISECONDS);
        }
    }

    private void refusePublish(ChannelHandlerContext ctx, String why, String code) {
        log.warn("publish refused remote={} reason={}", ctx.channel().remoteAddress(), why);
        ctx.writeAndFlush(RtmpReplies.status(STREAM_ID, "error", code, "Publishing refused."))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void play(ChannelHandlerContext ctx, CommandMessage c) {
        String name = PublishName.playName(c.argument(1) instanceof String s ? s : "");
        LiveStream stream = name == null ? null : registry.find(name);
        if (!connected || publication != null || viewer != null || stream == null) {
            ctx.writeAndFlush(RtmpReplies.status(STREAM_ID, "error", "NetStream.Play.StreamNotFound",
                    "No such live stream.")).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.write(UserControl.streamBegin(STREAM_ID));
        ctx.write(RtmpReplies.status(STREAM_ID, "status", "NetStream.Play.Reset", "Playing and resetting " + name + "."));
        ctx.write(RtmpReplies.status(STREAM_ID, "status", "NetStream.Play.Start", "Started playing " + name + "."));
        ctx.writeAndFlush(DataMessage.of(STREAM_ID, "|RtmpSampleAccess", true, true));
        viewer = new RtmpPlayViewer(ctx.channel(), STREAM_ID, formatIndex, settings.chunkSize());
        stream.attach(viewer);
    }

    private void stop(ChannelHandlerContext ctx, CommandMessage c) {
        if (publication != null) {
            log.info("unpublish stream={} remote={}", publication.stream().name(), ctx.channel().remoteAddress());
            endPublication();
            if (c.name().equals("FCUnpublish")) {
                ctx.writeAndFlush(RtmpReplies.status(STREAM_ID, "status", "NetStream.Unpublish.Success", "Stopped publishing."));
            }
        }
        if (viewer != null) {
            viewer.detach();
            viewer = null;
        }
    }

    private void endPublication() {
        if (publication != null) {
            publication.end();
            publication = null;
        }
        if (permitEnd != null) {
            permitEnd.cancel(false);
            permitEnd = null;
        }
    }

    private void data(ChannelHandlerContext ctx, DataMessage d) {
        if (publication == null) {
            return;
        }
        java.util.List<Object> values = d.values();
        int at = d.name().equals("@setDataFrame") ? 1 : 0;
        if (values.size() > at + 1 && "onMetaData".equals(values.get(at)) && values.get(at + 1) instanceof Map<?, ?> meta) {
            @SuppressWarnings("unchecked")
            Map<String, Object> entries = (Map<String, Object>) meta;
            ByteBuf amf = ctx.alloc().directBuffer();
            Amf0Writer.write(amf, "onMetaData");
            Amf0Writer.write(amf, new Amf0.EcmaArray(entries));
            publication.metadata(amf, meta);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (publication != null) {
            // Not an unpublish: the connection dropped. Viewers wait for the grace period.
            log.info("publisher connection lost stream={} remote={}", publication.stream().name(),
                    ctx.channel().remoteAddress());
            publication.lost();
            publication = null;
        }
        if (permitEnd != null) {
            permitEnd.cancel(false);
        }
        if (viewer != null) {
            viewer.detach();
            viewer = null;
        }
        super.channelInactive(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        // Players send next to nothing once they play; silence matters only from publishers.
        if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
            if (viewer == null) {
                log.info("rtmp connection idle, closing remote={}", ctx.channel().remoteAddress());
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A viewer's failed write reports once per pending message: one line per connection.
        if (ctx.channel().isOpen()) {
            log.info("rtmp connection closed remote={} reason={}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }
}
