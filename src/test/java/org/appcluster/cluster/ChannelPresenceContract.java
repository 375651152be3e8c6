package org.appcluster.cluster;

import static org.appcluster.cluster.ClusterDeliveryContract.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.List;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.Session;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;

/**
 * Presence on a broadcast channel across two nodes: signed-in subscribers that ask for it see who
 * else is on the channel on either node, and who joins and leaves by subscribing, by giving it up
 * and by closing; a visitor who has not signed in is refused. Run wherever
 * {@link ClusterDeliveryContract} runs.
 */
interface ChannelPresenceContract {

    private static void subscribeWithPresence(SocketClient client, String channel, boolean presence) {
        client.send(Json.createObjectBuilder().add("type", "subscribe").add("channel", channel).add("presence", presence).build().toString());
    }

    /** Reads frames until a presence frame of {@code channel} lists exactly {@code users}; returns its data. */
    private static JsonObject presenceOf(SocketClient client, String channel, String... users) {
        while (true) {
            JsonObject frame = client.next();
            JsonObject data = frame.getJsonObject("data");
            if (frame.getBoolean("success") && "presence".equals(data.getString("type", ""))) {
                JsonObject presence = data.getJsonObject("data");
                List<String> online = presence.getJsonArray("users").stream()
                        .map(user -> user.asJsonObject().getString("username")).toList();
                if (channel.equals(presence.getString("channel")) && online.equals(List.of(users))) {
                    return presence;
                }
            }
        }
    }

    private static List<String> names(JsonObject presence, String field) {
        return presence.getJsonArray(field).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    default void presenceOnAChannelIsTheSameOnBothNodesAndFollowsWhoJoinsAndLeaves(LocalCluster cluster) {
        String channel = channel("presence");
        Session user = Session.signIn(cluster.a(), LocalCluster.USER, LocalCluster.USER_PASSWORD);
        Session admin = Session.signIn(cluster.b(), LocalCluster.ADMIN, LocalCluster.ADMIN_PASSWORD);
        try (SocketClient onA = SocketClient.connect(user, cluster.a());
             SocketClient visitor = SocketClient.connect(cluster.b(), null)) {
            subscribeWithPresence(onA, channel, true);
            presenceOf(onA, channel, LocalCluster.USER);

            try (SocketClient onB = SocketClient.connect(admin, cluster.b())) {
                subscribeWithPresence(onB, channel, true);
                presenceOf(onB, channel, LocalCluster.ADMIN, LocalCluster.USER);
                assertEquals(List.of(LocalCluster.ADMIN), names(presenceOf(onA, channel, LocalCluster.ADMIN, LocalCluster.USER), "joined"));

                subscribeWithPresence(visitor, channel, true);
                visitor.nextError("UNAUTHORIZED");

                // Still subscribed, no longer counted.
                subscribeWithPresence(onB, channel, false);
                assertEquals(List.of(LocalCluster.ADMIN), names(presenceOf(onA, channel, LocalCluster.USER), "left"));
                subscribeWithPresence(onB, channel, true);
                presenceOf(onA, channel, LocalCluster.ADMIN, LocalCluster.USER);
            }
            JsonObject afterClose = presenceOf(onA, channel, LocalCluster.USER);
            assertEquals(List.of(LocalCluster.ADMIN), names(afterClose, "left"));
            assertEquals(0, afterClose.getInt("anonymous"), "the visitor was never counted");
        }
    }
}
