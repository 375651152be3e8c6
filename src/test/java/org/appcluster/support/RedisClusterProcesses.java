package org.appcluster.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A local Redis Cluster of the test's own: three masters and a replica for each, every
 * {@code redis-server} on free loopback ports (client and cluster-bus), joined with
 * {@code redis-cli --cluster create}. Masters can be killed to make a replica take over.
 */
public final class RedisClusterProcesses implements AutoCloseable {

    private static final int MASTERS = 3;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Map<Integer, Process> servers = new LinkedHashMap<>();

    private RedisClusterProcesses() {
    }

    public static RedisClusterProcesses start(File logDir) {
        RedisClusterProcesses cluster = new RedisClusterProcesses();
        try {
            File dataDir = Files.createTempDirectory(logDir.toPath(), "redis-cluster").toFile();
            for (int i = 0; i < MASTERS * 2; i++) {
                cluster.startServer(FreePorts.next(), FreePorts.next(), dataDir, logDir);
            }
            cluster.create();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /** The seed list a node is configured with: every server, comma-separated. */
    public String uri() {
        return servers.keySet().stream().map(port -> "redis://127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The port of the master that owns {@code key}'s slot now, as the cluster itself reports. */
    public int masterPortOf(String key) {
        int anyLive = livePorts().get(0);
        int slot = Integer.parseInt(cli(anyLive, "CLUSTER", "KEYSLOT", key).trim());
        for (String line : cli(anyLive, "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                continue;
            }
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1, fields[1].indexOf('@')));
                }
            }
        }
        return -1;
    }

    /** The full names of the shard channels anyone subscribes to whose name contains {@code part}. */
    public List<String> shardChannelsContaining(String part) {
        return livePorts().stream()
                .flatMap(port -> Arrays.stream(cli(port, "PUBSUB", "SHARDCHANNELS", "*" + part + "*").split("\n")))
                .map(String::trim).filter(name -> !name.isEmpty()).distinct().toList();
    }

    /** Connections subscribed to the shard channel, counted over every live server. */
    public int shardSubscribers(String shardChannel) {
        int total = 0;
        for (int port : livePorts()) {
            String[] reply = cli(port, "PUBSUB", "SHARDNUMSUB", shardChannel).trim().split("\n");
            total += Integer.parseInt(reply[reply.length - 1].trim());
        }
        return total;
    }

    /** Ends one server at once (SIGKILL), as a crashed master. */
    public void kill(int port) {
        Process process = servers.get(port);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        servers.values().forEach(process -> Processes.stop(process, 10));
    }

    private List<Integer> livePorts() {
        return servers.entrySet().stream().filter(entry -> entry.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    private void startServer(int port, int busPort, File dataDir, File logDir) throws IOException {
        Process process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--cluster-enabled", "yes", "--cluster-port", String.valueOf(busPort),
                "--cluster-config-file", "nodes-" + port + ".conf", "--cluster-node-timeout", "1000",
                "--dir", dataDir.getAbsolutePath(), "--save", "", "--appendonly", "no", "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(logDir, "redis-cluster-" + port + ".log")))
                .start();
        servers.put(port, process);
        Waits.until("redis-server on port " + port, Duration.ofSeconds(20), () -> "PONG".equals(cli(port, "PING").trim()));
    }

    private void create() {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        servers.keySet().forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
        Processes.output(command);
        for (int port : servers.keySet()) {
            Waits.until("cluster_state:ok on port " + port, READY_TIMEOUT,
                    () -> cli(port, "CLUSTER", "INFO").contains("cluster_state:ok"));
        }
    }

    private static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(Arrays.asList(args));
        return Processes.output(command);
    }
}
