package live.blossom.platform.bootstrap;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Arrays;
import java.util.List;
import live.blossom.platform.config.BlossomConfig;
import live.blossom.platform.config.PlatformKeys;

/** Hazelcast membership for the clustered event bus: a TCP/IP member list, or a lone member. */
final class ClusterSetup {

    private ClusterSetup() {
    }

    static HazelcastClusterManager clusterManager(BlossomConfig config) {
        Config hz = ConfigUtil.loadConfig();
        hz.setClusterName("blossom");
        hz.setProperty("hazelcast.logging.type", "slf4j");
        hz.setProperty("hazelcast.phone.home.enabled", "false");
        hz.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Near caches (chat sanctions and room rules) hear of a change at once, not in Hazelcast's
        // default batches of up to 10 s: a ban must stop a user's posts on every node right away.
        hz.setProperty("hazelcast.map.invalidation.batch.enabled", "false");
        String host = config.string(PlatformKeys.CLUSTER_HOST);
        hz.setProperty("hazelcast.local.localAddress", host);
        // Blossom reports through its own Prometheus endpoint; Hazelcast's metrics collection
        // (for Management Center and JMX, every few seconds on every member) is CPU nobody reads.
        hz.getMetricsConfig().setEnabled(false);

        NetworkConfig network = hz.getNetworkConfig();
        network.setPort(config.integer(PlatformKeys.CLUSTER_PORT)).setPortAutoIncrement(true).setPortCount(100);
        network.getInterfaces().setEnabled(true).setInterfaces(List.of(host));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        List<String> members = Arrays.stream(config.string(PlatformKeys.CLUSTER_MEMBERS).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (members.isEmpty()) {
            // A lone member: no join round, start-up takes no waiting.
            join.getTcpIpConfig().setEnabled(false);
        } else {
            join.getTcpIpConfig().setEnabled(true).setMembers(members);
            hz.setProperty("hazelcast.wait.seconds.before.join", "1");
        }
        return new HazelcastClusterManager(hz);
    }
}
