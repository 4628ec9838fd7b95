package live.blossom.load.chat;

import java.util.Locale;

/** What one phase of the chat benchmark measured (one server set, one swarm), and its summary line. */
record Phase(String name, int nodes, long viewers, long failed, double connectsPerSecond, double kbPerConnection,
             long frames, long deliveries, long gaps, long dups, long missed, double p50, double p99, double max,
             double cpuSeconds, double wallSeconds, double acceptedPerSecond, long refused, double connectCpuMs,
             double ackP50, double ackP99, double appendP99, double swarmCpuSeconds, double swarmConnectCpuMs,
             double machineIdleSeconds, double machineStealSeconds) {

    double deliveriesPerCpuSecond() {
        return cpuSeconds <= 0 ? 0 : deliveries / cpuSeconds;
    }

    String line() {
        return String.format(Locale.ROOT, "%-22s nodes=%d viewers=%d failed=%d connects/s=%.0f kB/conn=%.1f "
                        + "frames/s=%.0f deliveries/s=%.0f server-cpu-s=%.1f deliveries/cpu-s=%.0f p50=%.0fms p99=%.0fms "
                        + "max=%.0fms gaps=%d dups=%d missed=%d sent-accepted/s=%.1f refused=%d server-cpu-ms/1k-connects=%.0f "
                        + "ack-p50=%.0fms ack-p99=%.0fms server-append-p99=%.0fms swarm-cpu-s=%.1f swarm-cpu-ms/1k-connects=%.0f "
                        + "machine-idle-s=%.1f machine-steal-s=%.1f",
                name, nodes, viewers, failed, connectsPerSecond,
                kbPerConnection, frames / wallSeconds, deliveries / wallSeconds, cpuSeconds, deliveriesPerCpuSecond(),
                p50, p99, max, gaps, dups, missed, acceptedPerSecond, refused, connectCpuMs, ackP50, ackP99, appendP99,
                swarmCpuSeconds, swarmConnectCpuMs, machineIdleSeconds, machineStealSeconds);
    }
}
