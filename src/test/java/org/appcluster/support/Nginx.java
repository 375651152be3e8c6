package org.appcluster.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Debian's nginx in front of the test nodes, configured from {@code server-config/nginx} (only
 * the listen address and the upstream servers are replaced), on a free port, stopped by its PID.
 */
public final class Nginx implements Balancer {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Sticky per client address ({@code ip_hash}), as the shipped configuration. */
    public static Nginx inFrontOf(List<ServerNode> nodes) {
        return start(nodes, true);
    }

    /** Each new connection to the next node: spreads many test clients from one address. */
    public static Nginx roundRobin(List<ServerNode> nodes) {
        return start(nodes, false);
    }

    private static Nginx start(List<ServerNode> nodes, boolean sticky) {
        int port = FreePorts.next();
        Path dir = Path.of(TestPaths.buildDir(), "nginx-" + port).toAbsolutePath();
        try {
            Files.createDirectories(dir.resolve("temp"));
            String site = Files.readString(Path.of(TestPaths.serverConfig(), "nginx", "app-cluster.conf"))
                    .replace("listen 80;", "listen 127.0.0.1:" + port + ";")
                    .replaceAll("(?m)^\\s*server 127\\.0\\.0\\.1:\\d+ .*;\\n", "")
                    .replace("ip_hash;", (sticky ? "ip_hash;\n" : "") + nodes.stream()
                            .map(node -> "    server 127.0.0.1:" + node.uri("/").getPort() + " max_fails=1 fail_timeout=5s;")
                            .collect(Collectors.joining("\n")));
            Files.writeString(dir.resolve("app-cluster.conf"), site);
            String temp = dir.resolve("temp").toString();
            Files.writeString(dir.resolve("nginx.conf"), String.join("\n",
                    "daemon off;", "worker_processes 1;", "pid " + dir.resolve("nginx.pid") + ";",
                    "error_log " + dir.resolve("error.log") + " info;",
                    "events { worker_connections 1024; }",
                    "http {",
                    "  access_log " + dir.resolve("access.log") + ";",
                    "  client_body_temp_path " + temp + "/body; proxy_temp_path " + temp + "/proxy;",
                    "  fastcgi_temp_path " + temp + "/fastcgi; uwsgi_temp_path " + temp + "/uwsgi; scgi_temp_path " + temp + "/scgi;",
                    "  include " + dir.resolve("app-cluster.conf") + ";",
                    "}", ""));
            URI base = URI.create("http://127.0.0.1:" + port);
            Process process = Processes.startProxy("nginx", List.of("/usr/sbin/nginx", "-p", dir.toString(), "-c",
                    dir.resolve("nginx.conf").toString()), dir.resolve("nginx.out"), base.resolve("/api/1/app-cluster/broadcast/status"));
            return new Nginx(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start nginx (apt-get install -y nginx)", e);
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

    @Override
    public void close() {
        Processes.stop(process, 10);
    }
}
