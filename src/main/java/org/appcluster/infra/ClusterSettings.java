package org.appcluster.infra;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This node's place in the cluster, from MicroProfile Config: defaults in
 * {@code META-INF/microprofile-config.properties}, overridden by system properties or environment
 * variables ({@code REDIS_URI}, {@code CLUSTER_SITE_ID}, …).
 */
@ApplicationScoped
public class ClusterSettings {

    private static final Pattern PAYARA_MICRO_PORT = Pattern.compile("--port\\s+(\\d+)");
    private static final Pattern KEY_SEGMENT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    @Inject
    @ConfigProperty(name = "redis.enabled", defaultValue = "true")
    boolean redisEnabled;

    @Inject
    @ConfigProperty(name = "redis.mode", defaultValue = "single")
    String redisMode;

    @Inject
    @ConfigProperty(name = "redis.uri")
    Optional<String> redisUri;

    @Inject
    @ConfigProperty(name = "redis.tls.ca-file")
    Optional<String> redisTlsCaFile;

    @Inject
    @ConfigProperty(name = "cluster.site-id", defaultValue = "appcluster")
    String siteId;

    @Inject
    @ConfigProperty(name = "cluster.stage", defaultValue = "prod")
    String stage;

    @Inject
    @ConfigProperty(name = "cluster.instance-id")
    Optional<String> configuredInstanceId;

    private String instanceId;

    @PostConstruct
    void validate() {
        requireKeySegment("cluster.site-id", siteId);
        requireKeySegment("cluster.stage", stage);
        if (!"single".equals(redisMode) && !"cluster".equals(redisMode)) {
            throw new IllegalStateException("redis.mode must be 'single' or 'cluster', not '" + redisMode + "'");
        }
        redisTlsCaFile().ifPresent(file -> {
            if (!Files.isReadable(Path.of(file))) {
                throw new IllegalStateException("redis.tls.ca-file " + file + " cannot be read");
            }
        });
        instanceId = configuredInstanceId.filter(id -> !id.isBlank()).orElseGet(ClusterSettings::defaultInstanceId);
    }

    /** Redis is used only when enabled and given a URI: a node with neither runs local-only. */
    public boolean redisConfigured() {
        return redisEnabled && redisUri.filter(uri -> !uri.isBlank()).isPresent();
    }

    public String redisUri() {
        return redisUri.orElse("");
    }

    /** PEM certificates a {@code rediss://} server's certificate must chain to; empty: the JVM's trust store. */
    public Optional<String> redisTlsCaFile() {
        return redisTlsCaFile.filter(file -> !file.isBlank());
    }

    public String redisMode() {
        return redisMode;
    }

    /** Several sites or stages can share one Redis: each uses its own channel prefix. */
    public String redisChannelPrefix() {
        return siteId + ":" + stage + ":bc:";
    }

    public String instanceId() {
        return instanceId;
    }

    private static void requireKeySegment(String key, String value) {
        if (!KEY_SEGMENT.matcher(value).matches()) {
            throw new IllegalStateException(key + " must be 1-64 of [A-Za-z0-9_.-], not '" + value + "'");
        }
    }

    /** host:port:pid, so two nodes on one machine differ and a log line names the process. */
    private static String defaultInstanceId() {
        String host = hostName();
        long pid = ManagementFactory.getRuntimeMXBean().getPid();
        return httpPort().map(port -> host + ":" + port + ":" + pid).orElse(host + ":" + pid);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /**
     * No portable API tells the HTTP port before the first request: take {@code cluster.http-port},
     * WildFly's {@code jboss.http.port}, or Payara Micro's {@code --port} launch argument.
     */
    private static Optional<String> httpPort() {
        String explicit = System.getProperty("cluster.http-port", System.getProperty("jboss.http.port"));
        if (explicit != null) {
            return Optional.of(explicit);
        }
        Matcher launch = PAYARA_MICRO_PORT.matcher(System.getProperty("sun.java.command", ""));
        return launch.find() ? Optional.of(launch.group(1)) : Optional.empty();
    }
}
