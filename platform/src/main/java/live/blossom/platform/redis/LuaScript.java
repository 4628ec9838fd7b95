package live.blossom.platform.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script, read from a classpath resource such as {@code sale/lua/reserve.lua}. It runs by EVALSHA; when
 * Redis answers NOSCRIPT (its script cache is empty after a restart) the script is loaded and run
 * once more, so callers never send the script text on the hot path.
 */
public final class LuaScript {

    private final String name;
    private final String source;
    private final String sha;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    /**
     * Reads {@code /<folder>/<name>.lua} from the classpath, e.g. {@code load("sale/lua", "reserve")}:
     * each module keeps one script per transition in its own resource folder.
     */
    public static LuaScript load(String folder, String name) {
        String path = "/" + folder + "/" + name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + path);
            }
            return new LuaScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public String sha() {
        return sha;
    }

    public String source() {
        return source;
    }

    /** Runs the script; its reply is a list (Lua table) of strings and longs. */
    public CompletionStage<List<Object>> run(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        CompletionStage<List<Object>> first = redis.evalsha(sha, ScriptOutputType.MULTI, keys, args);
        return first.handle((reply, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(reply);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof RedisNoScriptException) {
                // Redis lost its script cache (restart, SCRIPT FLUSH): load once, run again.
                return redis.scriptLoad(source).thenCompose(loaded ->
                        redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args));
            }
            return CompletableFuture.<List<Object>>failedFuture(cause);
        }).thenCompose(stage -> stage);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
