package live.blossom.edge.publish;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Where a publisher put its stream and key. Accepted forms (the app is "live"):
 * <ol>
 *   <li>{@code rtmp://host/live/<stream>?key=<key>} — FFmpeg's URL; in OBS: server
 *       {@code rtmp://host/live}, stream key {@code <stream>?key=<key>};</li>
 *   <li>OBS with the stream in the server URL: server {@code rtmp://host/live/<stream>},
 *       stream key {@code <key>} (the app is then {@code live/<stream>});</li>
 *   <li>the key as a query of the app: server {@code rtmp://host/live?key=<key>}, stream
 *       key {@code <stream>}.</li>
 * </ol>
 *
 * @param app    the application without query (e.g. "live")
 * @param stream the stream name, or null when it is not a valid name
 * @param key    the stream key, or "" when none was given
 */
public record PublishName(String app, String stream, String key) {

    /** The shared pattern for room / stream ids. */
    public static final Pattern STREAM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public static PublishName parse(String connectApp, String publishName) {
        String app = connectApp == null ? "" : connectApp;
        String appKey = "";
        int q = app.indexOf('?');
        if (q >= 0) {
            appKey = queryKey(app.substring(q + 1));
            app = app.substring(0, q);
        }
        String name = publishName == null ? "" : publishName;
        String key = "";
        q = name.indexOf('?');
        if (q >= 0) {
            key = queryKey(name.substring(q + 1));
            name = name.substring(0, q);
        }
        int slash = app.indexOf('/');
        if (slash >= 0 && slash < app.length() - 1) {
            // Form 2: the stream is in the app, the publish name is the key.
            String stream = app.substring(slash + 1);
            return new PublishName(app.substring(0, slash), valid(stream), key.isEmpty() ? name : key);
        }
        if (app.endsWith("/")) {
            app = app.substring(0, app.length() - 1);
        }
        return new PublishName(app, valid(name), key.isEmpty() ? appKey : key);
    }

    /** A stream name for play: the name without any query. */
    public static String playName(String name) {
        if (name == null) {
            return null;
        }
        int q = name.indexOf('?');
        return valid(q >= 0 ? name.substring(0, q) : name);
    }

    private static String valid(String stream) {
        return STREAM.matcher(stream).matches() ? stream : null;
    }

    private static String queryKey(String query) {
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals("key")) {
                return URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
