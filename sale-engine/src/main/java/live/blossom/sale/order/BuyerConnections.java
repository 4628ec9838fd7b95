package live.blossom.sale.order;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A few Redis connections for the buy path, taken in turn. One connection would do for
 * correctness, but with {@code appendfsync always} Redis fsyncs once per event-loop turn and reads
 * at most 16 KB from each client per turn: several connections let one fsync cover more purchases.
 */
public final class BuyerConnections implements AutoCloseable {

    private final StatefulRedisConnection<String, String>[] connections;
    private final RedisAsyncCommands<String, String>[] commands;
    private final AtomicInteger turn = new AtomicInteger();

    @SuppressWarnings("unchecked")
    public BuyerConnections(RedisClient client, int count) {
        connections = new StatefulRedisConnection[count];
        commands = new RedisAsyncCommands[count];
        for (int i = 0; i < count; i++) {
            connections[i] = client.connect();
            commands[i] = connections[i].async();
        }
    }

    public RedisAsyncCommands<String, String> next() {
        return commands[Math.floorMod(turn.getAndIncrement(), commands.length)];
    }

    @Override
    public void close() {
        for (StatefulRedisConnection<String, String> connection : connections) {
            connection.close();
        }
    }
}
