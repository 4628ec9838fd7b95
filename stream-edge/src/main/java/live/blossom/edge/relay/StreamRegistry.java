package live.blossom.edge.relay;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The streams live on this node, by name. One publisher per stream; a dropped one may come back. */
public final class StreamRegistry {

    private final ConcurrentHashMap<String, LiveStream> streams = new ConcurrentHashMap<>();
    private final RelaySettings settings;
    private final OutputFormat[] formats;
    private final ByteBufAllocator alloc;
    private final List<StreamListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param formats the outputs' shared encodings; {@code MediaTag.encoding(i)} is {@code formats[i]}'s
     */
    public StreamRegistry(RelaySettings settings, List<OutputFormat> formats, ByteBufAllocator alloc) {
        this.settings = settings;
        this.formats = formats.toArray(new OutputFormat[0]);
        this.alloc = alloc;
    }

    public RelaySettings settings() {
        return settings;
    }

    public void listen(StreamListener listener) {
        listeners.add(listener);
    }

    /**
     * Starts publishing {@code name}, or resumes it within its grace period. Returns null when
     * the stream already has a publisher (a second one is refused).
     */
    public Publication publish(String name, EventLoop loop) {
        while (true) {
            LiveStream existing = streams.get(name);
            if (existing != null) {
                Object token = new Object();
                if (existing.claim(token)) {
                    return new Publication(existing, token);
                }
                if (existing.isLive()) {
                    return null;
                }
                streams.remove(name, existing); // ended and not yet removed
                continue;
            }
            Object token = new Object();
            LiveStream created = streams.computeIfAbsent(name,
                    n -> new LiveStream(n, loop, settings, formats, alloc, this, token));
            if (created.owns(token)) {
                listeners.forEach(l -> l.started(created));
                return new Publication(created, token);
            }
        }
    }

    public LiveStream find(String name) {
        LiveStream s = streams.get(name);
        return s != null && s.isLive() ? s : null;
    }

    public Collection<LiveStream> all() {
        return List.copyOf(streams.values());
    }

    void ended(LiveStream stream) {
        streams.remove(stream.name(), stream);
        listeners.forEach(l -> l.ended(stream));
    }

    /** Ends every stream (node shutdown). */
    public void shutdown() {
        streams.values().forEach(LiveStream::shutdown);
    }
}
