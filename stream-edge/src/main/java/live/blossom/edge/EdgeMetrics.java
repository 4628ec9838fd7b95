package live.blossom.edge;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.ToDoubleFunction;
import live.blossom.edge.relay.LiveStream;
import live.blossom.edge.relay.StreamListener;
import live.blossom.edge.relay.StreamRegistry;
import live.blossom.edge.relay.StreamStats;

/** Prometheus view of the live streams: per-stream gauges registered while the stream lives. */
final class EdgeMetrics implements StreamListener {

    private static final List<String> PROTOCOLS = List.of("rtmp", "http-flv", "ws-flv");

    private final StreamRegistry registry;
    private MeterRegistry meters;

    EdgeMetrics(StreamRegistry registry) {
        this.registry = registry;
    }

    void bindTo(MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder("blossom.edge.streams.live", registry, r -> r.all().stream().filter(LiveStream::isLive).count())
                .description("Streams live on this node").register(meters);
        for (String protocol : PROTOCOLS) {
            Gauge.builder("blossom.edge.viewers", registry,
                            r -> r.all().stream().mapToInt(s -> s.stats().viewerCount(protocol)).sum())
                    .tag("protocol", protocol).description("Viewers on this node").register(meters);
        }
        registry.listen(this);
    }

    @Override
    public void started(LiveStream stream) {
        StreamStats st = stream.stats();
        Tags tags = Tags.of("stream", stream.name());
        gauge("blossom.edge.stream.bitrate.kbps", tags, st, StreamStats::bitrateKbps);
        gauge("blossom.edge.stream.fps", tags, st, StreamStats::fps);
        gauge("blossom.edge.stream.width", tags, st, s -> s.width());
        gauge("blossom.edge.stream.height", tags, st, s -> s.height());
        gauge("blossom.edge.stream.uptime.seconds", tags, st, s -> (System.currentTimeMillis() - s.startedAtMillis()) / 1000.0);
        gauge("blossom.edge.stream.skipped.tags", tags, st, s -> s.skippedTags());
        for (String protocol : PROTOCOLS) {
            gauge("blossom.edge.stream.viewers", tags.and("protocol", protocol), st, s -> s.viewerCount(protocol));
        }
    }

    private void gauge(String name, Tags tags, StreamStats st, ToDoubleFunction<StreamStats> f) {
        Gauge.builder(name, st, f).tags(tags).register(meters);
    }

    @Override
    public void ended(LiveStream stream) {
        meters.getMeters().stream()
                .filter(m -> m.getId().getName().startsWith("blossom.edge.stream.") && stream.name().equals(m.getId().getTag("stream")))
                .forEach(meters::remove);
    }
}
