package org.appcluster.clients.control;

import static org.appcluster.clients.control.RegistryFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {

    private final RegistryFixture fixture = new RegistryFixture();
    private final ClientRegistry registry = fixture.registry;
    private final RegistryFixture.RecordingBus bus = fixture.bus;

    @Test
    void declaresEachPatternToRedisOnceWhileAnyClientHoldsIt() {
        ClientConnection first = fixture.connect(new FakeSession(), "u1");
        ClientConnection second = fixture.connect(new FakeSession(), "u2");
        registry.subscribe(first, ChannelPattern.parse("view:todo:*"), false);
        registry.subscribe(second, ChannelPattern.parse("view:todo:*"), true);
        registry.subscribe(second, ChannelPattern.parse("view:chat:room:said"), false);
        assertEquals(List.of("acquire view:todo:*", "acquire view:chat:room:said"), bus.calls);

        registry.unsubscribe(first, "view:todo:*", null);
        assertEquals(2, bus.calls.size(), "the second client still holds view:todo:*");
        registry.remove(second);
        assertEquals(4, bus.calls.size());
        assertEquals(java.util.Set.of("release view:todo:*", "release view:chat:room:said"), java.util.Set.copyOf(bus.calls.subList(2, 4)));
    }

    @Test
    void sendsOneCopyPerClientHoweverManyOfItsSubscriptionsMatch() {
        FakeSession session = new FakeSession();
        ClientConnection client = fixture.connect(session, "u1");
        registry.subscribe(client, ChannelPattern.parse("view:todo:list:changed"), false);
        registry.subscribe(client, ChannelPattern.parse("view:todo:*"), false);
        registry.subscribe(client, ChannelPattern.parse("view:*"), true);

        registry.relay(List.of(message("view:todo:list:changed", null)));

        assertEquals(1, session.sent.size());
        JsonObject frame = Json.createReader(new java.io.StringReader(session.sent.get(0))).readObject();
        assertEquals("broadcast", frame.getJsonObject("data").getString("type"));
        assertEquals("view:todo:list:changed", frame.getJsonObject("data").getJsonObject("data").getString("channel"));
    }

    @Test
    void serialisesABroadcastOnceForAllRecipients() {
        FakeSession first = new FakeSession();
        FakeSession second = new FakeSession();
        registry.subscribe(fixture.connect(first, "u1"), ChannelPattern.parse("view:a:*"), false);
        registry.subscribe(fixture.connect(second, "u2"), ChannelPattern.parse("view:a:b:c"), false);

        registry.relay(List.of(message("view:a:b:c", null)));

        assertTrue(first.sent.get(0) == second.sent.get(0), "the same String instance goes to every client");
    }

    @Test
    void omitSelfSkipsOnlyTheSendersOwnMessage() {
        FakeSession sender = new FakeSession();
        FakeSession other = new FakeSession();
        registry.subscribe(fixture.connect(sender, "u1"), ChannelPattern.parse("view:a:b:c"), true);
        registry.subscribe(fixture.connect(other, "u2"), ChannelPattern.parse("view:a:b:c"), true);

        registry.relay(List.of(message("view:a:b:c", "u1")));

        assertEquals(0, sender.sent.size());
        assertEquals(1, other.sent.size());
    }

    @Test
    void onlyTheSendersOwnFrameNamesItsUuid() {
        FakeSession sender = new FakeSession();
        FakeSession other = new FakeSession();
        ClientConnection senderClient = fixture.connect(sender, "u1");
        registry.subscribe(senderClient, ChannelPattern.parse("view:a:*"), true);
        registry.subscribe(senderClient, ChannelPattern.parse("view:a:b:c"), false);
        registry.subscribe(fixture.connect(other, "u2"), ChannelPattern.parse("view:a:b:c"), false);

        registry.relay(List.of(message("view:a:b:c", "u1")));

        JsonObject own = Json.createReader(new java.io.StringReader(sender.sent.get(0))).readObject();
        JsonObject theirs = Json.createReader(new java.io.StringReader(other.sent.get(0))).readObject();
        // The sender's page skips it for its omitSelf subscription and shows it for the other.
        assertEquals("u1", own.getJsonObject("data").getJsonObject("data").getJsonObject("data").getString("uuid"));
        assertFalse(theirs.getJsonObject("data").getJsonObject("data").getJsonObject("data").containsKey("uuid"), theirs.toString());
        assertFalse(other.sent.get(0).contains("u1"), other.sent.get(0));
    }

    @Test
    void aPublisherThatAskedForOmitSelfNeverGetsItsOwnMessage() {
        FakeSession sender = new FakeSession();
        FakeSession other = new FakeSession();
        registry.subscribe(fixture.connect(sender, "u1"), ChannelPattern.parse("view:a:b:c"), false);
        registry.subscribe(fixture.connect(other, "u2"), ChannelPattern.parse("view:a:b:c"), false);

        registry.relay(List.of(new Envelope("id-2", "view:a:b:c", JsonObject.EMPTY_JSON_OBJECT, "node-a", "t",
                JsonObject.EMPTY_JSON_OBJECT, "u1", "u1")));

        assertEquals(0, sender.sent.size());
        assertEquals(1, other.sent.size());
    }

    @Test
    void clusterModeChangesReachEverySocket() {
        FakeSession first = new FakeSession();
        FakeSession second = new FakeSession();
        fixture.connect(first, "u1");
        fixture.connect(second, "u2");

        registry.onClusterModeChanged(new org.appcluster.broadcast.entity.ClusterModeChanged(false, "node-a"));

        for (FakeSession session : new FakeSession[] {first, second}) {
            JsonObject frame = Json.createReader(new java.io.StringReader(session.sent.get(0))).readObject();
            assertEquals("cluster-status", frame.getJsonObject("data").getString("type"));
            assertEquals(false, frame.getJsonObject("data").getJsonObject("data").getBoolean("clusterMode"));
        }
    }

    @Test
    void removingOneOmitSelfVariantKeepsTheOther() {
        FakeSession session = new FakeSession();
        ClientConnection client = fixture.connect(session, "u1");
        registry.subscribe(client, ChannelPattern.parse("view:a:b:c"), true);
        registry.subscribe(client, ChannelPattern.parse("view:a:b:c"), false);

        registry.relay(List.of(message("view:a:b:c", "u1")));
        registry.unsubscribe(client, "view:a:b:c", false);
        registry.relay(List.of(message("view:a:b:c", "u1")));
        registry.relay(List.of(message("view:a:b:c", "u2")));
        registry.unsubscribe(client, "view:a:b:c", null);
        registry.relay(List.of(message("view:a:b:c", "u2")));

        assertEquals(2, session.sent.size());
        assertEquals(0, registry.patternCount());
    }

    @Test
    void closingOneOfTwoSocketsWithTheSameUuidKeepsTheOther() {
        FakeSession firstTab = new FakeSession();
        FakeSession secondTab = new FakeSession();
        ClientConnection first = fixture.connect(firstTab, "same");
        ClientConnection second = fixture.connect(secondTab, "same");
        registry.subscribe(first, ChannelPattern.parse("view:a:b:c"), false);
        registry.subscribe(second, ChannelPattern.parse("view:a:b:c"), false);

        registry.remove(first);
        registry.relay(List.of(message("view:a:b:c", null)));

        assertEquals(0, firstTab.sent.size());
        assertEquals(1, secondTab.sent.size());
        assertEquals(1, registry.connectionCount());
    }
}
