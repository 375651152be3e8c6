package org.appcluster.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-Redis deployment with automatic failover: a master, one replica and one Redis Sentinel
 * (quorum 1, a master silent for 1 s is down), all {@code redis-server} processes of the test's
 * own on free loopback ports. Nodes find the master through the Sentinel
 * ({@code redis-sentinel://…#mymaster}).
 */
public final class RedisSentinel implements AutoCloseable {

    public static final String MASTER_NAME = "mymaster";

    private final RedisProcess master;
    private final RedisProcess replica;
    private final int sentinelPort;
    private Process sentinel;

    private RedisSentinel(RedisProcess master, RedisProcess replica, int sentinelPort) {
        this.master = master;
        this.replica = replica;
        this.sentinelPort = sentinelPort;
    }

    public static RedisSentinel start(File logDir) {
        RedisProcess master = RedisProcess.start(logDir);
        RedisProcess replica = null;
        RedisSentinel started = null;
        try {
            replica = RedisProcess.startReplicaOf(master, logDir);
            started = new RedisSentinel(master, replica, FreePorts.next());
            started.startSentinel(logDir);
            RedisSentinel ready = started;
            Waits.until("the replica in sync and known to the Sentinel", Duration.ofSeconds(30),
                    () -> ready.sentinel("SENTINEL", "REPLICAS", MASTER_NAME).contains("slave"));
            return started;
        } catch (RuntimeException e) {
            LocalCluster.closeQuietly(started);
            LocalCluster.closeQuietly(replica);
            LocalCluster.closeQuietly(master);
            throw e;
        }
    }

    /** What the nodes are given as {@code redis.uri}. */
    public String uri() {
        return "redis-sentinel://127.0.0.1:" + sentinelPort + "#" + MASTER_NAME;
    }

    /** The port of the master the Sentinel names now. */
    public int masterPort() {
        List<String> address = sentinel("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).lines().toList();
        return address.size() == 2 ? Integer.parseInt(address.get(1).trim()) : -1;
    }

    /** SIGKILLs the first master; the Sentinel is to promote the replica. */
    public int killMaster() {
        master.kill();
        return master.port();
    }

    private String sentinel(String... command) {
        List<String> line = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(sentinelPort)));
        line.addAll(List.of(command));
        return Processes.output(line);
    }

    private void startSentinel(File logDir) {
        File config = new File(logDir, "sentinel-" + sentinelPort + ".conf");
        try {
            // Sentinel rewrites its configuration as it learns: a file of its own, in the build dir.
            Files.writeString(config.toPath(), String.join("\n",
                    "port " + sentinelPort, "bind 127.0.0.1", "dir " + logDir.getAbsolutePath(),
                    "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + master.port() + " 1",
                    "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                    "sentinel failover-timeout " + MASTER_NAME + " 5000", ""));
            sentinel = new ProcessBuilder("redis-server", config.getAbsolutePath(), "--sentinel")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(logDir, "sentinel-" + sentinelPort + ".log")))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Waits.until("the Sentinel on port " + sentinelPort, Duration.ofSeconds(20), () -> masterPort() == master.port());
    }

    @Override
    public void close() {
        if (sentinel != null) {
            Processes.stop(sentinel, 10);
        }
        replica.close();
        master.close();
    }
}
