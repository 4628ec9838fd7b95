package live.blossom.platform.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Hazelcast's asynchronous results as Vert.x futures, with the completion run where it happens.
 *
 * <p>A callback attached to a Hazelcast future without an executor runs on Hazelcast's default
 * one: the common fork-join pool, except on machines with fewer than three cores, where it starts
 * a new thread for every callback. On a two-core node that was several threads created per chat
 * line. Completing a promise only hands the result to its event loop, so it may run on the
 * Hazelcast thread that completed the call.
 */
public final class ClusterFutures {

    /** Runs a callback on the thread that completed the call; for callbacks that only hand over. */
    private static final Executor COMPLETING_THREAD = Runnable::run;

    private ClusterFutures() {
    }

    /** The stage's outcome as a future whose handlers run on {@code context}. */
    public static <T> Future<T> on(CompletionStage<T> stage, Context context) {
        Promise<T> promise = Promise.promise();
        stage.whenCompleteAsync((value, error) -> {
            if (Vertx.currentContext() == context) {
                // Already done when asked (a near-cache hit): no hop needed.
                settle(promise, value, error);
            } else {
                context.runOnContext(ignored -> settle(promise, value, error));
            }
        }, COMPLETING_THREAD);
        return promise.future();
    }

    private static <T> void settle(Promise<T> promise, T value, Throwable error) {
        if (error != null) {
            promise.fail(error);
        } else {
            promise.complete(value);
        }
    }
}
