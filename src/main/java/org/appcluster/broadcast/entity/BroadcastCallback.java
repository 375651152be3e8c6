package org.appcluster.broadcast.entity;

import jakarta.json.JsonObject;

/** Server-side reaction to a broadcast, with the seed's {@code (channel, data, sourceInstanceId)}. */
@FunctionalInterface
public interface BroadcastCallback {

    void onBroadcast(String channel, JsonObject data, String sourceInstanceId);
}
