package org.appcluster.broadcast.control;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

/** A publish connection and a pub/sub connection to one Redis or one Redis Cluster. */
record RedisLink(StatefulConnection<String, String> publisher,
                 StatefulRedisPubSubConnection<String, String> subscriber,
                 PublishCommand publishCommand) {

    @FunctionalInterface
    interface PublishCommand {
        void publish(String channel, String message);
    }

    static RedisLink single(RedisClient client) {
        StatefulRedisConnection<String, String> publisher = client.connect();
        try {
            return new RedisLink(publisher, client.connectPubSub(), (channel, message) -> publisher.sync().publish(channel, message));
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    static RedisLink cluster(RedisClusterClient client) {
        StatefulRedisClusterConnection<String, String> publisher = client.connect();
        try {
            return new RedisLink(publisher, client.connectPubSub(), (channel, message) -> publisher.sync().publish(channel, message));
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    void publish(String channel, String message) {
        publishCommand.publish(channel, message);
    }

    boolean isOpen() {
        return publisher.isOpen() && subscriber.isOpen();
    }

    void close() {
        publisher.close();
        subscriber.close();
    }
}
