package org.appcluster.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.appcluster.infra.EmbeddedMongoServer;
import org.appcluster.support.Processes;
import org.appcluster.support.RedisProcess;
import org.appcluster.support.ServerNode;
import org.appcluster.support.TestPaths;

/**
 * What the benchmark measures: a {@code redis-server}, an embedded MongoDB and two nodes of its
 * own (Payara Micro, or WildFly with {@code -Dbench.server=wildfly}) on free loopback ports, with
 * the JVM settings of {@link #nodeJvm}. The REST publishing and to-do write limits and the
 * to-do list's size cap are lifted (every request comes from one address, and scenario 4 writes
 * thousands of to-dos); nothing else differs from the defaults.
 */
final class BenchCluster implements AutoCloseable {

    static final String SITE = "bench";
    private static final List<String> NODE_JVM = List.of("-Xms2g", "-Xmx2g", "-XX:+UseG1GC");
    private static final Pattern G1_USED = Pattern.compile("garbage-first heap\\s+total\\s+\\d+K, used (\\d+)K");

    final RedisProcess redis;
    private final EmbeddedMongoServer mongo;
    final ServerNode a;
    final ServerNode b;

    private BenchCluster(RedisProcess redis, EmbeddedMongoServer mongo, ServerNode a, ServerNode b) {
        this.redis = redis;
        this.mongo = mongo;
        this.a = a;
        this.b = b;
    }

    /** The nodes' JVM options: a fixed heap and G1, then any {@code -Dbench.nodeJvm="..."} (JIT or CDS flags to compare). */
    static List<String> nodeJvm() {
        List<String> options = new ArrayList<>(NODE_JVM);
        String extra = System.getProperty("bench.nodeJvm", "").trim();
        if (!extra.isEmpty()) {
            options.addAll(List.of(extra.split("\\s+")));
        }
        return options;
    }

    /** Where the benchmark's own processes log: Redis, the peer's nodes, npm. */
    static File logDir() {
        File logDir = new File(TestPaths.buildDir(), "bench/nodes");
        logDir.mkdirs();
        return logDir;
    }

    static BenchCluster start(boolean recordJfr) {
        File logDir = logDir();
        RedisProcess redis = RedisProcess.start(logDir);
        EmbeddedMongoServer mongo = EmbeddedMongoServer.start(0, null);
        Map<String, String> config = Map.of("redis.uri", redis.uri(), "mongo.uri", mongo.uri(),
                "cluster.site-id", SITE, "publish.rate-limit.per-address", "1000000",
                "publish.rate-limit.per-client", "1000000", "todos.rate-limit.per-address", "1000000",
                "todos.max-items", "1000000");
        ServerNode a = ServerNode.launch("bench-a", config, jvm("bench-a", recordJfr));
        ServerNode b = ServerNode.launch("bench-b", config, jvm("bench-b", recordJfr));
        BenchCluster cluster = new BenchCluster(redis, mongo, a, b);
        try {
            CompletableFuture.allOf(CompletableFuture.runAsync(a::awaitReady), CompletableFuture.runAsync(b::awaitReady)).join();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static List<String> jvm(String name, boolean recordJfr) {
        List<String> options = nodeJvm();
        if (recordJfr) {
            options.add("-XX:StartFlightRecording=settings=profile,filename="
                    + new File(TestPaths.buildDir(), "bench/" + name + ".jfr").getAbsolutePath());
        }
        return options;
    }

    ServerNode node(int i) {
        return i % 2 == 0 ? a : b;
    }

    URI socketUri(ServerNode node) {
        return node.socketUri("");
    }

    List<ProcessHandle> nodeProcesses() {
        return List.of(ProcessHandle.of(a.pid()).orElseThrow(), ProcessHandle.of(b.pid()).orElseThrow());
    }

    List<Long> jvmPids() {
        return List.of(jvmPid(a), jvmPid(b));
    }

    /** The node's JVM: the node's own process, or on WildFly the JVM its launcher script started. */
    static long jvmPid(ServerNode node) {
        ProcessHandle process = ProcessHandle.of(node.pid()).orElseThrow();
        return process.descendants()
                .filter(child -> child.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElse(process).pid();
    }

    /** Heap in use after a full collection, in bytes (jcmd GC.run, then GC.heap_info). */
    static long heapAfterGc(ServerNode node) {
        jcmd(jvmPid(node), "GC.run");
        Matcher used = G1_USED.matcher(jcmd(jvmPid(node), "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no G1 heap figure from jcmd");
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    /** Resident memory of the node's process, in bytes. */
    static long rss(ServerNode node) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + jvmPid(node) + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String jcmd(long pid, String command) {
        return Processes.output(List.of(System.getProperty("java.home") + "/bin/jcmd", String.valueOf(pid), command));
    }

    @Override
    public void close() {
        a.close();
        b.close();
        redis.close();
        mongo.close();
    }
}
