package org.appcluster.cluster;

import static org.appcluster.cluster.ClusterDeliveryContract.channel;
import static org.appcluster.cluster.ClusterDeliveryContract.publish;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import jakarta.json.JsonObject;
import java.net.URI;
import java.util.UUID;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.SocketClient;
import org.junit.jupiter.api.Test;

/**
 * Client ids across two nodes: omitSelf skips only the sender's own messages, no subscriber learns
 * another client's uuid, a uuid without its token is not honoured, and tabs sharing a uuid work.
 * Run wherever {@link ClusterDeliveryContract} runs.
 */
interface ClientIdentityContract {

    @Test
    default void omitSelfSkipsOnlyTheSendersOwnMessages(LocalCluster cluster) {
        String channel = channel("sent");
        String sender = UUID.randomUUID().toString();
        try (SocketClient senderTab = SocketClient.connect(cluster.a(), sender);
             SocketClient other = SocketClient.connect(cluster.b(), null)) {
            assertEquals(sender, senderTab.clientId());
            senderTab.subscribe(channel, true);
            other.subscribe(channel, true);

            publish(cluster.a(), channel, "{\"n\":1}", senderTab);
            publish(cluster.b(), channel, "{\"n\":2}", other);

            JsonObject fromSender = other.nextBroadcast().getJsonObject("data");
            assertEquals(1, fromSender.getInt("n"));
            assertFalse(fromSender.containsKey("uuid"), "no subscriber learns another client's uuid");
            // The sender skipped its own n=1; its first broadcast is the other client's n=2.
            JsonObject received = senderTab.nextBroadcast().getJsonObject("data");
            assertEquals(2, received.getInt("n"));
            assertFalse(received.containsKey("uuid"), "no subscriber learns another client's uuid");
        }
    }

    @Test
    default void aUuidWithoutItsTokenIsNotHonoured(LocalCluster cluster) {
        String channel = channel("forged");
        try (SocketClient victim = SocketClient.connect(cluster.a(), null);
             SocketClient attacker = SocketClient.connect(cluster.b(), null)) {
            victim.subscribe(channel, true);
            URI uri = cluster.b().uri("/api/1/app-cluster/broadcast/" + channel);
            String forged = "{\"data\":{\"n\":%d},\"uuid\":\"" + victim.clientId() + "\",\"omitSelf\":true}";
            assertEquals(200, Http.postJson(uri, forged.formatted(1)).status());
            assertEquals(200, Http.postJson(uri, forged.formatted(2), "X-Client-Token", attacker.clientToken()).status());
            // Neither was kept from the victim, and neither told it that it sent them.
            for (int n = 1; n <= 2; n++) {
                JsonObject received = victim.nextBroadcast().getJsonObject("data");
                assertEquals(n, received.getInt("n"));
                assertFalse(received.containsKey("uuid"), received.toString());
            }
        }
    }

    @Test
    default void subscriptionsWithDifferentOmitSelfOnOneChannelDoNotOverrideEachOther(LocalCluster cluster) {
        String channel = channel("both");
        String sender = UUID.randomUUID().toString();
        try (SocketClient tab = SocketClient.connect(cluster.a(), sender)) {
            tab.subscribe(channel, true);
            tab.subscribe(channel, false);
            publish(cluster.b(), channel, "{\"n\":1}", tab);
            JsonObject own = tab.nextBroadcast().getJsonObject("data");
            assertEquals(1, own.getInt("n"));
            // The sender's own frame names its uuid, so a page's omitSelf check can skip it.
            assertEquals(sender, own.getString("uuid"));

            tab.send("{\"type\":\"unsubscribe\",\"channel\":\"" + channel + "\",\"omitSelf\":false}");
            assertEquals("unsubscribed", tab.next().getJsonObject("data").getString("type"));
            publish(cluster.b(), channel, "{\"n\":2}", tab);
            publish(cluster.b(), channel, "{\"n\":3}", null);
            // The omitSelf variant is still there: it skips n=2 and takes n=3.
            assertEquals(3, tab.nextBroadcast().getJsonObject("data").getInt("n"));
        }
    }

    @Test
    default void twoTabsWithOneUuidBothWorkAndClosingOneKeepsTheOther(LocalCluster cluster) {
        String channel = channel("tabs");
        String uuid = UUID.randomUUID().toString();
        try (SocketClient first = SocketClient.connect(cluster.b(), uuid)) {
            SocketClient second = SocketClient.connect(cluster.b(), uuid);
            first.subscribe(channel, false);
            second.subscribe(channel, false);
            publish(cluster.a(), channel, "{\"n\":1}", null);
            assertEquals(1, first.nextBroadcast().getJsonObject("data").getInt("n"));
            assertEquals(1, second.nextBroadcast().getJsonObject("data").getInt("n"));

            second.close();
            publish(cluster.a(), channel, "{\"n\":2}", null);
            assertEquals(2, first.nextBroadcast().getJsonObject("data").getInt("n"));
        }
    }

    @Test
    default void aMissingOrMalformedUuidGetsAFreshOne(LocalCluster cluster) {
        try (SocketClient none = SocketClient.connect(cluster.a(), null);
             SocketClient malformed = SocketClient.connect(cluster.a(), "not-a-uuid%3Cscript%3E")) {
            UUID.fromString(none.clientId());
            UUID.fromString(malformed.clientId());
            assertNotEquals(none.clientId(), malformed.clientId());
        }
    }
}
