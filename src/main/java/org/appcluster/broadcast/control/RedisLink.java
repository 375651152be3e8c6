package org.appcluster.broadcast.control;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The command connection to one Redis or one Redis Cluster, and for one Redis the pub/sub
 * connection too (a Redis Cluster's are per master: {@link ShardSubscriber}). Both kinds of
 * command connection speak {@link RedisClusterCommands}, so the rest of the node need not care.
 */
record RedisLink(StatefulConnection<String, String> publisher,
                 StatefulRedisPubSubConnection<String, String> subscriber,
                 RedisClusterCommands<String, String> commands) {

    static RedisLink single(RedisClient client) {
        return open(client.connect(), StatefulRedisConnection::sync, client::connectPubSub);
    }

    static RedisLink cluster(RedisClusterClient client) {
        StatefulRedisClusterConnection<String, String> publisher = client.connect();
        return new RedisLink(publisher, null, publisher.sync());
    }

    /** Opens the pub/sub connection after the publisher, closing the publisher if that fails. */
    private static <C extends StatefulConnection<String, String>> RedisLink open(C publisher,
            Function<C, RedisClusterCommands<String, String>> commands,
            Supplier<StatefulRedisPubSubConnection<String, String>> subscriber) {
        try {
            return new RedisLink(publisher, subscriber.get(), commands.apply(publisher));
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    boolean isOpen() {
        return publisher.isOpen() && (subscriber == null || subscriber.isOpen());
    }

    void close() {
        publisher.close();
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
