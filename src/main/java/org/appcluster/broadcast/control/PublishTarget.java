package org.appcluster.broadcast.control;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;

/**
 * Where a message goes in Redis: {@code PUBLISH} on the prefixed channel with one Redis,
 * {@code SPUBLISH} on its shard channel on a Redis Cluster. Scripts that publish get both parts
 * as arguments.
 */
record PublishTarget(String command, String redisChannel) {

    static PublishTarget of(boolean sharded, String redisChannel) {
        return new PublishTarget(sharded ? "SPUBLISH" : "PUBLISH", redisChannel);
    }

    void publish(RedisClusterCommands<String, String> commands, String payload) {
        if ("SPUBLISH".equals(command)) {
            commands.spublish(redisChannel, payload);
        } else {
            commands.publish(redisChannel, payload);
        }
    }
}
