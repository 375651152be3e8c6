package org.appcluster.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.util.ArrayList;
import java.util.List;
import org.appcluster.broadcast.control.RedisBus;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.clients.send.SendPath;
import org.junit.jupiter.api.Test;

class ClientRegistryTest {

    private final ClientRegistry registry = new ClientRegistry();
    private final RecordingBus bus = new RecordingBus();

    ClientRegistryTest() {
        registry.bus = bus;
    }

    /** Records what the registry declares to Redis instead of subscribing anywhere. */
    static final class RecordingBus extends RedisBus {
        final List<String> calls = new ArrayList<>();

        @Override
        public void acquire(ChannelPattern pattern) {
            calls.add("acquire " + pattern);
        }

        @Override
        public void release(ChannelPattern pattern) {
            calls.add("release " + pattern);
        }
    }

    private ClientConnection connect(FakeSession session, String uuid) {
        ClientConnection client = new ClientConnection(session.session(), uuid, "", registry.slowConsumers(),
                SendPath.of("portable", null).writerFor(session.session()));
        registry.add(client);
        return client;
    }

    private static Envelope message(String channel, String senderUuid) {
        JsonObject data = Json.createObjectBuilder().add("n", 1).build();
        return new Envelope("id-1", channel, data, "node-a", "2026-11-28T10:00:00Z", JsonObject.EMPTY_JSON_OBJECT, null, senderUuid);
    }

    @Test
    void declaresEachPatternToRedisOnceWhileAnyClientHoldsIt() {
        ClientConnection first = connect(new FakeSession(), "u1");
        ClientConnection second = connect(new FakeSession(), "u2");
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
        ClientConnection client = connect(session, "u1");
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
        registry.subscribe(connect(first, "u1"), ChannelPattern.parse("view:a:*"), false);
        registry.subscribe(connect(second, "u2"), ChannelPattern.parse("view:a:b:c"), false);

        registry.relay(List.of(message("view:a:b:c", null)));

        assertTrue(first.sent.get(0) == second.sent.get(0), "the same String instance goes to every client");
    }

    @Test
    void omitSelfSkipsOnlyTheSendersOwnMessage() {
        FakeSession sender = new FakeSession();
        FakeSession other = new FakeSession();
        registry.subscribe(connect(sender, "u1"), ChannelPattern.parse("view:a:b:c"), true);
        registry.subscribe(connect(other, "u2"), ChannelPattern.parse("view:a:b:c"), true);

        registry.relay(List.of(message("view:a:b:c", "u1")));

        assertEquals(0, sender.sent.size());
        assertEquals(1, other.sent.size());
    }

    @Test
    void onlyTheSendersOwnFrameNamesItsUuid() {
        FakeSession sender = new FakeSession();
        FakeSession other = new FakeSession();
        ClientConnection senderClient = connect(sender, "u1");
        registry.subscribe(senderClient, ChannelPattern.parse("view:a:*"), true);
        registry.subscribe(senderClient, ChannelPattern.parse("view:a:b:c"), false);
        registry.subscribe(connect(other, "u2"), ChannelPattern.parse("view:a:b:c"), false);

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
        registry.subscribe(connect(sender, "u1"), ChannelPattern.parse("view:a:b:c"), false);
        registry.subscribe(connect(other, "u2"), ChannelPattern.parse("view:a:b:c"), false);

        registry.relay(List.of(new Envelope("id-2", "view:a:b:c", JsonObject.EMPTY_JSON_OBJECT, "node-a", "t",
                JsonObject.EMPTY_JSON_OBJECT, "u1", "u1")));

        assertEquals(0, sender.sent.size());
        assertEquals(1, other.sent.size());
    }

    @Test
    void clusterModeChangesReachEverySocket() {
        FakeSession first = new FakeSession();
        FakeSession second = new FakeSession();
        connect(first, "u1");
        connect(second, "u2");

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
        ClientConnection client = connect(session, "u1");
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
        ClientConnection first = connect(firstTab, "same");
        ClientConnection second = connect(secondTab, "same");
        registry.subscribe(first, ChannelPattern.parse("view:a:b:c"), false);
        registry.subscribe(second, ChannelPattern.parse("view:a:b:c"), false);

        registry.remove(first);
        registry.relay(List.of(message("view:a:b:c", null)));

        assertEquals(0, firstTab.sent.size());
        assertEquals(1, secondTab.sent.size());
        assertEquals(1, registry.connectionCount());
    }

    @Test
    void aClientThatNeverAnswersPingsIsClosedOnceItsUnreadBytesPassTheLimit() {
        FakeSession reading = new FakeSession();
        FakeSession deaf = new FakeSession();
        ClientConnection readingClient = connect(reading, "u1");
        ClientConnection deafClient = connect(deaf, "u2");
        registry.subscribe(readingClient, ChannelPattern.parse("view:a:*"), false);
        registry.subscribe(deafClient, ChannelPattern.parse("view:a:*"), false);
        JsonObject data = Json.createObjectBuilder().add("pad", "x".repeat(10_000)).build();

        for (int i = 0; i < 1000; i++) { // 10 MB each
            registry.relay(List.of(new Envelope("id-" + i, "view:a:b:c", data, "node-a", "2026-11-28T10:00:00Z", JsonObject.EMPTY_JSON_OBJECT, null, null)));
            reading.pings.forEach(ping -> readingClient.acknowledge(ping.duplicate()));
            reading.pings.clear();
        }

        assertNotNull(deaf.closedWith, "the client that never answered is closed");
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, deaf.closedWith.getCloseCode());
        assertTrue(deaf.sent.size() < 500, "closed after about 4 MiB, not after " + deaf.sent.size() + " frames");
        assertEquals(null, reading.closedWith, "the client that answers every ping stays");
        assertEquals(1000, reading.sent.size());
        assertEquals(1, registry.slowConsumers().closedCount(), "counted once");
    }

    @Test
    void keepAlivePingsEverySocketButItsPongsNeverCountAsReading() {
        FakeSession quiet = new FakeSession();
        FakeSession deaf = new FakeSession();
        connect(quiet, "u1");
        ClientConnection deafClient = connect(deaf, "u2");
        registry.subscribe(deafClient, ChannelPattern.parse("view:a:*"), false);
        JsonObject data = Json.createObjectBuilder().add("pad", "x".repeat(10_000)).build();

        registry.keepAlive();
        assertEquals(1, quiet.pings.size(), "a socket with nothing to read is pinged too");
        for (int i = 0; i < 1000 && deaf.closedWith == null; i++) {
            registry.relay(List.of(new Envelope("id-" + i, "view:a:b:c", data, "node-a", "2026-11-28T10:00:00Z", JsonObject.EMPTY_JSON_OBJECT, null, null)));
            registry.keepAlive();
            // It answers only the keep-alive ping, the last one sent, as a client still connected but not reading would.
            deafClient.acknowledge(deaf.pings.get(deaf.pings.size() - 1).duplicate());
        }

        assertNotNull(deaf.closedWith, "answering keep-alive pings does not hide a client that stopped reading");
        assertTrue(deaf.sent.size() < 500, "closed after about 4 MiB, not after " + deaf.sent.size() + " frames");
        assertEquals(null, quiet.closedWith);
    }

    @Test
    void aClientThatStopsReadingIsClosedWithoutHoldingUpOthers() {
        FakeSession stalled = new FakeSession();
        stalled.stalled = true;
        FakeSession healthy = new FakeSession();
        registry.subscribe(connect(stalled, "u1"), ChannelPattern.parse("view:a:*"), false);
        registry.subscribe(connect(healthy, "u2"), ChannelPattern.parse("view:a:*"), false);

        int limit = registry.slowConsumers().maxQueuedFrames();
        for (int i = 0; i < limit + 10; i++) {
            registry.relay(List.of(message("view:a:b:c", null)));
        }

        assertEquals(1, stalled.sent.size(), "one send in flight, never completed");
        assertNotNull(stalled.closedWith);
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, stalled.closedWith.getCloseCode());
        assertEquals(limit + 10, healthy.sent.size());
        assertEquals(1, registry.slowConsumers().closedCount());
    }

    @Test
    void aSendThatThrowsClosesTheSocketInsteadOfDroppingTheFrame() {
        FakeSession refusing = new FakeSession();
        FakeSession healthy = new FakeSession();
        registry.subscribe(connect(refusing, "u1"), ChannelPattern.parse("view:a:*"), false);
        registry.subscribe(connect(healthy, "u2"), ChannelPattern.parse("view:a:*"), false);
        refusing.refusing = true;

        registry.relay(List.of(message("view:a:b:c", null)));
        registry.relay(List.of(message("view:a:b:c", null)));

        assertNotNull(refusing.closedWith, "a client that missed a frame is told, by its socket closing, so it reconnects and resumes");
        assertEquals(CloseReason.CloseCodes.VIOLATED_POLICY, refusing.closedWith.getCloseCode());
        assertEquals(2, healthy.sent.size());
        assertEquals(null, healthy.closedWith);
        assertEquals(1, registry.slowConsumers().closedCount());
    }
}
