package org.appcluster.broadcast.control;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.io.File;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** How the node's Lettuce clients are built: container-made threads, short timeouts, fail fast. */
final class RedisClients {

    private RedisClients() {
    }

    /** Lettuce's I/O and timer threads come from the container's {@link ManagedThreadFactory}. */
    static ClientResources resources(ManagedThreadFactory threads) {
        AtomicInteger threadCount = new AtomicInteger();
        return DefaultClientResources.builder()
                .threadFactoryProvider(pool -> task -> {
                    Thread thread = threads.newThread(task);
                    thread.setName("redis-" + pool + "-" + threadCount.incrementAndGet());
                    return thread;
                })
                .reconnectDelay(Delay.equalJitter(Duration.ofMillis(100), Duration.ofSeconds(3), 2, TimeUnit.MILLISECONDS))
                .build();
    }

    /**
     * A cluster client on the comma-separated seeds, or a client of one Redis. A {@code rediss://}
     * URI speaks TLS; its server's certificate must chain to {@code caFile} (PEM) when given, else
     * to the JVM's trust store.
     */
    static AbstractRedisClient create(boolean cluster, String uri, Optional<String> caFile, ClientResources resources,
                                      Duration timeout) {
        TimeoutOptions timeouts = TimeoutOptions.enabled(timeout);
        SocketOptions socket = SocketOptions.builder().connectTimeout(timeout).build();
        SslOptions tls = caFile.map(file -> SslOptions.builder().jdkSslProvider().trustManager(new File(file)).build())
                .orElseGet(SslOptions::create);
        if (cluster) {
            List<RedisURI> seeds = Arrays.stream(uri.split(",")).map(String::trim).map(RedisURI::create).toList();
            RedisClusterClient client = RedisClusterClient.create(resources, seeds);
            ClusterClientOptions.Builder options = ClusterClientOptions.builder()
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enableAllAdaptiveRefreshTriggers().enablePeriodicRefresh(Duration.ofSeconds(10)).build())
                    // The cluster connection opens each master's connection on first use and would
                    // reject what is sent meanwhile; commands wait instead, at most the timeout.
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                    .socketOptions(socket).sslOptions(tls).timeoutOptions(timeouts);
            options.replayFilter(RedisClients::isPublish);
            client.setOptions(options.build());
            return client;
        }
        RedisClient single = RedisClient.create(resources, RedisURI.create(uri));
        single.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .replayFilter(RedisClients::isPublish)
                .socketOptions(socket).sslOptions(tls).timeoutOptions(timeouts).build());
        return single;
    }

    /**
     * Lettuce sends again, after a reconnect, the commands that were in flight when the
     * connection dropped. Not a publish: Redis may already have delivered it, and a second copy
     * would be a second message (with history, under a second offset). The caller sees the
     * publish fail instead, delivers locally, and the history restarts, so clients are told.
     */
    private static boolean isPublish(RedisCommand<?, ?, ?> command) {
        ProtocolKeyword type = command.getType();
        return type == CommandType.PUBLISH || type == CommandType.SPUBLISH || type == CommandType.EVAL
                || type == CommandType.EVALSHA;
    }

    /** The first seed, whose credentials the per-master connections reuse. */
    static RedisURI firstSeed(String uri) {
        return RedisURI.create(uri.split(",")[0].trim());
    }

    /** The URI for logs: any password replaced. */
    static String masked(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }
}
