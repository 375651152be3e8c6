package org.appcluster.support;

import java.io.File;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.appcluster.infra.EmbeddedMongoServer;
import org.appcluster.security.control.PasswordHashes;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Two Payara Micro nodes sharing one {@code redis-server} and one embedded MongoDB, started once
 * for the whole test run (nodes take seconds to boot) and stopped when it ends. Inject it as a
 * test parameter with {@code @ExtendWith(LocalCluster.Extension.class)}.
 */
public final class LocalCluster implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    /** A second site the nodes are configured to accept broadcast sockets from. */
    public static final String ALLOWED_ORIGIN = "https://partner.example";
    /** Configured accounts: an admin and a plain user. */
    public static final String ADMIN = "ops";
    public static final String ADMIN_PASSWORD = "ops-secret-" + java.util.UUID.randomUUID();
    public static final String USER = "viewer";
    public static final String USER_PASSWORD = "viewer-secret-" + java.util.UUID.randomUUID();

    private final Map<String, String> config;
    private final RedisProcess redis;
    private final EmbeddedMongoServer mongo;
    private final ServerNode a;
    private final ServerNode b;

    private LocalCluster() {
        File logDir = new File(TestPaths.buildDir(), "nodes");
        logDir.mkdirs();
        redis = RedisProcess.start(logDir);
        mongo = EmbeddedMongoServer.start(0, null);
        config = Map.of("redis.uri", redis.uri(), "mongo.uri", mongo.uri(),
                "cluster.site-id", "it" + redis.port(), "websocket.allowed-origins", ALLOWED_ORIGIN,
                "dashboard.interval-seconds", "1",
                "security.users", ADMIN + "," + USER,
                "security.user." + ADMIN + ".roles", "admin,user",
                "security.user." + ADMIN + ".password-hash", PasswordHashes.hash(ADMIN_PASSWORD.toCharArray()),
                "security.user." + USER + ".password-hash", PasswordHashes.hash(USER_PASSWORD.toCharArray()));
        ServerNode first = ServerNode.launch("node-a", config);
        ServerNode second = ServerNode.launch("node-b", config);
        CompletableFuture.allOf(CompletableFuture.runAsync(first::awaitReady), CompletableFuture.runAsync(second::awaitReady)).join();
        a = first;
        b = second;
        Waits.until("both nodes joined Redis", SocketClient.TIMEOUT, () -> a.redisAvailable() && b.redisAvailable());
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

    public Session signInAsAdmin(ServerNode node) {
        return Session.signIn(node, ADMIN, ADMIN_PASSWORD);
    }

    public RedisProcess redis() {
        return redis;
    }

    @Override
    public void close() {
        a.close();
        b.close();
        redis.close();
        mongo.close();
    }

    /** Resolves a {@link LocalCluster} parameter, creating it on first use. */
    public static final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == LocalCluster.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                    .getOrComputeIfAbsent(LocalCluster.class, key -> new LocalCluster(), LocalCluster.class);
        }
    }
}
