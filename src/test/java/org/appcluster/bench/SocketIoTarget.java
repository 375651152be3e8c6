package org.appcluster.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.appcluster.support.FreePorts;
import org.appcluster.support.Processes;
import org.appcluster.support.Waits;

/**
 * The peer: two Socket.IO 4 nodes ({@code src/test/socketio-peer/server.js}) sharing rooms
 * through {@code @socket.io/redis-adapter} on the benchmark's Redis, each a {@code node} child
 * process on a free loopback port, logging to {@code target/bench/nodes/}, stopped by its PID.
 */
final class SocketIoTarget implements BenchTarget, AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HEALTH = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final List<Process> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    /** Installs the peer's packages (npm), then starts both nodes and waits until they answer. */
    static SocketIoTarget start(String redisUri) {
        File logDir = BenchCluster.logDir();
        File server = PeerInstall.install();
        SocketIoTarget target = new SocketIoTarget();
        try {
            for (String name : List.of("peer-a", "peer-b")) {
                target.launch(server, redisUri, name, logDir);
            }
            for (int i = 0; i < 2; i++) {
                target.awaitAnswering(i, new File(logDir, i == 0 ? "peer-a.log" : "peer-b.log"));
            }
            return target;
        } catch (RuntimeException | AssertionError e) {
            target.close();
            throw e;
        }
    }

    private void launch(File server, String redisUri, String name, File logDir) {
        int port = FreePorts.next();
        try {
            nodes.add(new ProcessBuilder("node", server.getPath(), String.valueOf(port), redisUri, name)
                    .redirectErrorStream(true)
                    .redirectOutput(new File(logDir, name + ".log"))
                    .start());
            ports.add(port);
        } catch (IOException e) {
            throw new UncheckedIOException("node could not be started (is nodejs installed?)", e);
        }
    }

    private void awaitAnswering(int node, File log) {
        Waits.until("Socket.IO peer node on port " + ports.get(node) + " (log: " + log + ")", STARTUP_TIMEOUT, () -> {
            if (!nodes.get(node).isAlive()) {
                throw new AssertionError("Socket.IO peer node exited; see " + log);
            }
            return health(node) == 200;
        });
    }

    /**
     * HTTP/1.1 only: the JDK client's default asks to upgrade to h2c, and Socket.IO takes every
     * upgrade request for itself, so the request would never reach the health handler.
     */
    private int health(int node) {
        try {
            return HEALTH.send(HttpRequest.newBuilder(base(node).resolve("/health")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI base(int node) {
        return URI.create("http://127.0.0.1:" + ports.get(node % 2));
    }

    @Override
    public String name() {
        return "socket.io";
    }

    @Override
    public ClientProtocol protocol() {
        return ClientProtocol.SOCKET_IO;
    }

    @Override
    public URI socketUri(int node) {
        return URI.create("ws://127.0.0.1:" + ports.get(node % 2) + SocketIoProtocol.PATH);
    }

    @Override
    public URI publishUri(int node, String channel) {
        return base(node).resolve("/publish/" + channel);
    }

    @Override
    public List<ProcessHandle> nodeProcesses() {
        return nodes.stream().map(Process::toHandle).toList();
    }

    @Override
    public void close() {
        nodes.forEach(node -> Processes.stop(node, 10));
    }
}
