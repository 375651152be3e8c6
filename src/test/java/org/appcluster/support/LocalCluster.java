package org.appcluster.support;

import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.appcluster.infra.EmbeddedMongoServer;
import org.appcluster.security.control.PasswordHashes;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two Payara Micro nodes sharing one {@code redis-server} and one embedded MongoDB, started once
 * for the whole test run (nodes take seconds to boot) and stopped when it ends. Inject it as a
 * test parameter with {@code @ExtendWith(LocalCluster.Extension.class)}, or with
 * {@link OnRedisCluster} for two more nodes in {@code redis.mode=cluster} on a local
 * three-master Redis Cluster, with {@link OnSecuredRedis} for two more on a Redis reached over
 * TLS as an ACL user, or with {@link OnRedisSentinel} for two more behind a Redis Sentinel.
 */
public final class LocalCluster implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    /** A second site the nodes are configured to accept broadcast sockets from. */
    public static final String ALLOWED_ORIGIN = "https://partner.example";
    /** Configured accounts: an admin and a plain user. */
    public static final String ADMIN = "ops";
    public static final String ADMIN_PASSWORD = "ops-secret-" + UUID.randomUUID();
    public static final String USER = "viewer";
    public static final String USER_PASSWORD = "viewer-secret-" + UUID.randomUUID();
    /** An account whose hash is in the encoding bin/hash-password wrote before Jakarta Security's. */
    public static final String LEGACY_USER = "legacy";
    public static final String LEGACY_PASSWORD = "legacy-secret-" + UUID.randomUUID();
    /** What Prometheus would send as {@code Authorization: Bearer …} to {@code /api/1/metrics}. */
    public static final String METRICS_TOKEN = "scrape-" + UUID.randomUUID();
    /** The ACL user the nodes of {@link OnSecuredRedis} sign in to Redis as. */
    public static final String SECURED_REDIS_USER = "appcluster";

    private final Map<String, String> config;
    private final RedisProcess redis;
    private final RedisClusterProcesses redisCluster;
    private final RedisSentinel redisSentinel;
    private final EmbeddedMongoServer mongo;
    private final ServerNode a;
    private final ServerNode b;

    /** The Redis the two nodes share. */
    enum RedisSetup {
        /** One {@code redis-server}, plain. */
        SINGLE,
        /** A three-master Redis Cluster, nodes in {@code redis.mode=cluster}. */
        CLUSTER,
        /** One {@code redis-server} reached over TLS as an ACL user ({@link RedisProcess#startSecured}). */
        SECURED,
        /** A master and a replica watched by a Redis Sentinel ({@link RedisSentinel}). */
        SENTINEL
    }

    private LocalCluster(RedisSetup setup) {
        File logDir = new File(TestPaths.buildDir(), "nodes");
        logDir.mkdirs();
        RedisTls tls = setup == RedisSetup.SECURED ? RedisTls.create(new File(TestPaths.buildDir(), "redis-tls")) : null;
        redis = switch (setup) {
            case SINGLE -> RedisProcess.start(logDir);
            case SECURED -> RedisProcess.startSecured(logDir, tls, SECURED_REDIS_USER, "acl-" + UUID.randomUUID());
            case CLUSTER, SENTINEL -> null;
        };
        redisSentinel = setup == RedisSetup.SENTINEL ? RedisSentinel.start(logDir) : null;
        redisCluster = setup == RedisSetup.CLUSTER ? RedisClusterProcesses.start(logDir) : null;
        mongo = EmbeddedMongoServer.start(0, null);
        Map<String, String> shared = nodeConfig(switch (setup) {
            case SINGLE -> redis.uri();
            case SECURED -> redis.securedUri();
            case CLUSTER -> redisCluster.uri();
            case SENTINEL -> redisSentinel.uri();
        }, setup == RedisSetup.CLUSTER ? "cluster" : "single", mongo.uri());
        if (tls != null) {
            shared = new HashMap<>(shared);
            shared.put("redis.tls.ca-file", tls.caCertificate().getAbsolutePath());
        }
        config = Map.copyOf(shared);
        String prefix = switch (setup) {
            case SINGLE -> "";
            case SECURED -> "secured-";
            case CLUSTER -> "sharded-";
            case SENTINEL -> "sentinel-";
        };
        ServerNode first = null;
        ServerNode second = null;
        try {
            first = ServerNode.launch(prefix + "node-a", config);
            second = ServerNode.launch(prefix + "node-b", config);
            CompletableFuture.allOf(CompletableFuture.runAsync(first::awaitReady), CompletableFuture.runAsync(second::awaitReady)).join();
        } catch (RuntimeException | Error e) {
            // Nothing this run started may outlive it, even when a node never came up.
            for (AutoCloseable started : new AutoCloseable[] {first, second, redis, redisCluster, redisSentinel, mongo}) {
                closeQuietly(started);
            }
            throw e;
        }
        a = first;
        b = second;
        Waits.until("both nodes joined Redis", SocketClient.TIMEOUT, () -> a.redisAvailable() && b.redisAvailable());
    }

    /** What every test node is started with: its Redis and MongoDB, and the test accounts. */
    public static Map<String, String> nodeConfig(String redisUri, String redisMode, String mongoUri) {
        return Map.ofEntries(Map.entry("redis.uri", redisUri), Map.entry("redis.mode", redisMode), Map.entry("mongo.uri", mongoUri),
                Map.entry("cluster.site-id", "it" + Long.toHexString(System.nanoTime())), Map.entry("websocket.allowed-origins", ALLOWED_ORIGIN),
                Map.entry("dashboard.interval-seconds", "1"), Map.entry("metrics.token", METRICS_TOKEN),
                // The suites and the fuzz add to-dos run after run, and the API tests write faster than
                // a person; TodosApiIT checks the rate limit as a client of its own.
                Map.entry("todos.max-items", "1000000"),
                Map.entry("todos.rate-limit.per-address", "50"),
                // The fuzz speaks as many clients behind a proxy, so its bad sign-ins and writes
                // do not use up the limits of 127.0.0.1, which every other test shares.
                Map.entry("http.trusted-proxies", "127.0.0.1,::1"),
                // -Dit.sendPath=portable runs the suites on the WebSocket API's own send path.
                Map.entry("websocket.send-path", sendPath()),
                // Histories of their own for the tests of history, so they do not restart each other's.
                Map.entry("history.channels", "view:helloClusterTodo:*,view:historyTest:*,view:outageHistory:*"),
                Map.entry("security.users", ADMIN + "," + USER + "," + LEGACY_USER),
                Map.entry("security.user." + LEGACY_USER + ".password-hash",
                        PasswordHashes.hash(LEGACY_PASSWORD.toCharArray()).replaceFirst("^PBKDF2WithHmacSHA256:", "pbkdf2-sha256:")),
                Map.entry("security.user." + ADMIN + ".roles", "admin,user"),
                Map.entry("security.user." + ADMIN + ".password-hash", PasswordHashes.hash(ADMIN_PASSWORD.toCharArray())),
                Map.entry("security.user." + USER + ".password-hash", PasswordHashes.hash(USER_PASSWORD.toCharArray())));
    }

    /** The send path the suite's nodes use: {@code auto} (the container's fast path) unless told otherwise. */
    public static String sendPath() {
        return System.getProperty("it.sendPath", "auto");
    }

    /** Stops what a test started, printing (not throwing) a failure so the rest still stops. */
    public static void closeQuietly(AutoCloseable started) {
        if (started == null) {
            return;
        }
        try {
            started.close();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    public ServerNode a() {
        return a;
    }

    public ServerNode b() {
        return b;
    }

    public List<ServerNode> nodes() {
        return List.of(a, b);
    }

    /** Starts one more node on this cluster's Redis and MongoDB (the caller stops it). */
    public ServerNode launchExtraNode(String name) {
        return ServerNode.launch(name, config).awaitReady();
    }

    /** One more node with some settings changed, e.g. its {@code redis.uri} (the caller stops it). */
    public ServerNode launchExtraNode(String name, Map<String, String> overrides) {
        Map<String, String> changed = new HashMap<>(config);
        changed.putAll(overrides);
        return ServerNode.launch(name, changed).awaitReady();
    }

    public Session signInAsAdmin(ServerNode node) {
        return Session.signIn(node, ADMIN, ADMIN_PASSWORD);
    }

    /** The master, replica and Sentinel (null on other setups). */
    public RedisSentinel redisSentinel() {
        return redisSentinel;
    }

    /** The single {@code redis-server} (null on a Redis Cluster or behind a Sentinel). */
    public RedisProcess redis() {
        return redis;
    }

    /** The Redis Cluster (null on a single Redis). */
    public RedisClusterProcesses redisCluster() {
        return redisCluster;
    }

    @Override
    public void close() {
        a.close();
        b.close();
        if (redis != null) {
            redis.close();
        }
        if (redisCluster != null) {
            redisCluster.close();
        }
        if (redisSentinel != null) {
            redisSentinel.close();
        }
        mongo.close();
    }

    /** Resolves a {@link LocalCluster} parameter on one {@code redis-server}, creating it on first use. */
    public static class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == LocalCluster.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(
                    getClass(), key -> new LocalCluster(setup()), LocalCluster.class);
        }

        RedisSetup setup() {
            return RedisSetup.SINGLE;
        }
    }

    /** Resolves a {@link LocalCluster} whose nodes run in {@code redis.mode=cluster} on a Redis Cluster. */
    public static final class OnRedisCluster extends Extension {
        @Override
        RedisSetup setup() {
            return RedisSetup.CLUSTER;
        }
    }

    /** Resolves a {@link LocalCluster} whose nodes find their Redis master through a Sentinel. */
    public static final class OnRedisSentinel extends Extension {
        @Override
        RedisSetup setup() {
            return RedisSetup.SENTINEL;
        }
    }

    /** Resolves a {@link LocalCluster} whose nodes reach their Redis over TLS as an ACL user. */
    public static final class OnSecuredRedis extends Extension {
        @Override
        RedisSetup setup() {
            return RedisSetup.SECURED;
        }
    }
}
