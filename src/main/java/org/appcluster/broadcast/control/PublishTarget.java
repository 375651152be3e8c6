package org.appcluster.broadcast.control;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.concurrent.CompletionStage;

/**
 * Where a message goes in Redis: {@code PUBLISH} on the prefixed channel with one Redis,
 * {@code SPUBLISH} on its shard channel on a Redis Cluster. Scripts that publish get both parts
 * as arguments.
 */
record PublishTarget(String command, String redisChannel) {

    static PublishTarget of(boolean sharded, String redisChannel) {
        return new PublishTarget(sharded ? "SPUBLISH" : "PUBLISH", redisChannel);
    }

    /** Completes with the number of subscribers Redis reached; does not wait for the answer. */
    CompletionStage<Long> publishAsync(RedisClusterAsyncCommands<String, String> commands, String payload) {
        return "SPUBLISH".equals(command) ? commands.spublish(redisChannel, payload) : commands.publish(redisChannel, payload);
    }

    void publish(RedisClusterCommands<String, String> commands, String payload) {
        if ("SPUBLISH".equals(command)) {
            commands.spublish(redisChannel, payload);
        } else {
            commands.publish(redisChannel, payload);
        }
    }
}
