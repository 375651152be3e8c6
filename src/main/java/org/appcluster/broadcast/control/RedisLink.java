package org.appcluster.broadcast.control;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.function.BiConsumer;

/**
 * The command connection to one Redis or one Redis Cluster, and for one Redis the pub/sub
 * connection with its pattern subscription too (a Redis Cluster's are per master:
 * {@link ShardSubscriber}). Both kinds of command connection speak {@link RedisClusterCommands},
 * so the rest of the node need not care.
 */
final class RedisLink {

    private final StatefulConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final RedisClusterCommands<String, String> commands;
    private final RedisClusterAsyncCommands<String, String> asyncCommands;
    private volatile boolean subscribed;
    /** With one Redis: the client, told of this link's disconnects until the link closes. */
    private RedisClient watchedClient;
    private RedisConnectionStateListener disconnectWatch;

    private RedisLink(StatefulConnection<String, String> publisher, StatefulRedisPubSubConnection<String, String> subscriber,
            RedisClusterCommands<String, String> commands, RedisClusterAsyncCommands<String, String> asyncCommands) {
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.commands = commands;
        this.asyncCommands = asyncCommands;
    }

    /**
     * Connects to one Redis and pattern-subscribes to {@code pattern}; every message goes to
     * {@code onMessage} (channel, payload) on a Redis I/O thread, which must not block.
     */
    static RedisLink single(RedisClient client, String pattern, BiConsumer<String, String> onMessage) {
        StatefulRedisConnection<String, String> publisher = client.connect();
        RedisLink link = null;
        try {
            link = new RedisLink(publisher, client.connectPubSub(), publisher.sync(), publisher.async());
            link.subscriber.addListener(link.new PatternListener(onMessage));
            link.watchDisconnects(client);
            link.subscriber.sync().psubscribe(pattern);
            link.subscribed = true;
            return link;
        } catch (RuntimeException e) {
            if (link != null) {
                link.close();
            } else {
                publisher.close();
            }
            throw e;
        }
    }

    static RedisLink cluster(RedisClusterClient client) {
        StatefulRedisClusterConnection<String, String> publisher = client.connect();
        RedisLink link = new RedisLink(publisher, null, publisher.sync(), publisher.async());
        link.subscribed = true;
        return link;
    }

    RedisClusterCommands<String, String> commands() {
        return commands;
    }

    /** The same connection, for commands whose answers nobody waits for on the calling thread. */
    RedisClusterAsyncCommands<String, String> asyncCommands() {
        return asyncCommands;
    }

    /** Both connections open and, with one Redis, the pattern subscription in place. */
    boolean isOpen() {
        return publisher.isOpen() && (subscriber == null || (subscriber.isOpen() && subscribed));
    }

    /**
     * Lettuce reconnects a dropped pub/sub connection (to the new master, behind a Sentinel) and
     * subscribes again; until Redis confirms that, messages published elsewhere pass this node
     * by. So the link counts as open again only from the confirmation ({@code psubscribed}).
     */
    private void watchDisconnects(RedisClient client) {
        disconnectWatch = new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                if (connection == subscriber) {
                    subscribed = false;
                }
            }
        };
        watchedClient = client;
        client.addListener(disconnectWatch);
    }

    void close() {
        if (watchedClient != null) {
            watchedClient.removeListener(disconnectWatch);
        }
        publisher.close();
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** Runs on a Redis I/O thread: only hand on, never block. */
    private final class PatternListener extends RedisPubSubAdapter<String, String> {

        private final BiConsumer<String, String> onMessage;

        PatternListener(BiConsumer<String, String> onMessage) {
            this.onMessage = onMessage;
        }

        @Override
        public void message(String pattern, String channel, String message) {
            onMessage.accept(channel, message);
        }

        @Override
        public void psubscribed(String pattern, long count) {
            subscribed = true;
        }

        @Override
        public void punsubscribed(String pattern, long count) {
            subscribed = false;
        }
    }
}
