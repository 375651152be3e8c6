package org.appcluster.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's HAProxy in front of the test nodes, configured from {@code server-config/haproxy}
 * (only the bind address and the servers are replaced; each node's health check goes to its
 * health port), on a free port, stopped by its PID.
 */
public final class HaProxy implements Balancer {

    private final Process process;
    private final int port;
    private final Path dir;

    private HaProxy(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    public static HaProxy inFrontOf(List<ServerNode> nodes) {
        int port = FreePorts.next();
        Path dir = Path.of(TestPaths.buildDir(), "haproxy-" + port).toAbsolutePath();
        try {
            Files.createDirectories(dir);
            String servers = nodes.stream()
                    .map(node -> "    server " + node.name() + " 127.0.0.1:" + node.uri("/").getPort()
                            + " check port " + node.healthUri("/").getPort() + " cookie " + node.name())
                    .collect(Collectors.joining("\n"));
            String failOpen = nodes.stream()
                    .map(node -> "    server open-" + node.name() + " 127.0.0.1:" + node.uri("/").getPort() + " backup")
                    .collect(Collectors.joining("\n"));
            String site = Files.readString(Path.of(TestPaths.serverConfig(), "haproxy", "app-cluster.cfg"))
                    .replace("bind :80", "bind 127.0.0.1:" + port)
                    .replaceAll("(?m)^\\s*server [\\w-]+ 127\\.0\\.0\\.1:\\d+ .*\\n?", "")
                    .stripTrailing() + "\n" + servers + "\n" + failOpen + "\n";
            Files.writeString(dir.resolve("app-cluster.cfg"), site);
            // What Debian's /etc/haproxy/haproxy.cfg gives it, minus the chroot and the user.
            Files.writeString(dir.resolve("global.cfg"), String.join("\n", "global", "    log stderr format raw local0",
                    "    pidfile " + dir.resolve("haproxy.pid"), ""));
            URI base = URI.create("http://127.0.0.1:" + port);
            Process process = Processes.startProxy("HAProxy", List.of("/usr/sbin/haproxy", "-db", "-f", dir.resolve("global.cfg").toString(),
                    "-f", dir.resolve("app-cluster.cfg").toString()), dir.resolve("haproxy.out"), base.resolve("/api/1/app-cluster/broadcast/status"));
            return new HaProxy(process, port, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start HAProxy (apt-get install -y haproxy)", e);
        }
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public String origin() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until HAProxy's checks have taken {@code node} out (it logs each server it marks down). */
    public void awaitDown(ServerNode node) {
        String down = "Server app_cluster_nodes/" + node.name() + " is DOWN";
        Waits.until("HAProxy to mark " + node.name() + " down (" + dir + ")", Duration.ofSeconds(20), () -> {
            try {
                return Files.readString(dir.resolve("haproxy.out")).contains(down);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() {
        Processes.stop(process, 10);
    }
}
