package org.appcluster.bench;

import java.io.File;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.appcluster.infra.EmbeddedMongoServer;
import org.appcluster.support.JvmFigures;
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
        return List.of(JvmFigures.jvmPid(a), JvmFigures.jvmPid(b));
    }

    @Override
    public void close() {
        a.close();
        b.close();
        redis.close();
        mongo.close();
    }
}
