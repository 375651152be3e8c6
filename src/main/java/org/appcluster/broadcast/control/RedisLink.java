package org.appcluster.broadcast.control;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.function.Function;
import java.util.function.Supplier;

/** A publish connection and a pub/sub connection to one Redis or one Redis Cluster. */
record RedisLink(StatefulConnection<String, String> publisher,
                 StatefulRedisPubSubConnection<String, String> subscriber,
                 PublishCommand publishCommand,
                 Runnable pingCommand) {

    @FunctionalInterface
    interface PublishCommand {
        void publish(String channel, String message);
    }

    static RedisLink single(RedisClient client) {
        return open(client.connect(), publisher -> publisher.sync()::publish, publisher -> publisher.sync()::ping,
                client::connectPubSub);
    }

    static RedisLink cluster(RedisClusterClient client) {
        return open(client.connect(), publisher -> publisher.sync()::publish, publisher -> publisher.sync()::ping,
                client::connectPubSub);
    }

    /** Opens the pub/sub connection after the publisher, closing the publisher if that fails. */
    private static <C extends StatefulConnection<String, String>> RedisLink open(C publisher,
            Function<C, PublishCommand> publish, Function<C, Runnable> ping,
            Supplier<StatefulRedisPubSubConnection<String, String>> subscriber) {
        try {
            return new RedisLink(publisher, subscriber.get(), publish.apply(publisher), ping.apply(publisher));
        } catch (RuntimeException e) {
            publisher.close();
            throw e;
        }
    }

    void ping() {
        pingCommand.run();
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
