package org.appcluster.clients.control;

import static org.appcluster.clients.control.RegistryFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.junit.jupiter.api.Test;

/**
 * Sockets that stop reading are closed (1008) and counted; the keep-alive ping never hides one.
 * Sockets that go silent, not even answering pings, are closed (1001).
 */
class SlowConsumerLimitsTest {

    private final RegistryFixture fixture = new RegistryFixture();
    private final ClientRegistry registry = fixture.registry;

    @Test
    void aClientThatNeverAnswersPingsIsClosedOnceItsUnreadBytesPassTheLimit() {
        FakeSession reading = new FakeSession();
        FakeSession deaf = new FakeSession();
        ClientConnection readingClient = fixture.connect(reading, "u1");
        ClientConnection deafClient = fixture.connect(deaf, "u2");
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
        fixture.connect(quiet, "u1");
        ClientConnection deafClient = fixture.connect(deaf, "u2");
        registry.subscribe(deafClient, ChannelPattern.parse("view:a:*"), false);
        JsonObject data = Json.createObjectBuilder().add("pad", "x".repeat(10_000)).build();

        registry.keepAlive(new KeepAliveDue(System.nanoTime() - TimeUnit.HOURS.toNanos(1)));
        assertEquals(1, quiet.pings.size(), "a socket with nothing to read is pinged too");
        for (int i = 0; i < 1000 && deaf.closedWith == null; i++) {
            registry.relay(List.of(new Envelope("id-" + i, "view:a:b:c", data, "node-a", "2026-11-28T10:00:00Z", JsonObject.EMPTY_JSON_OBJECT, null, null)));
            registry.keepAlive(new KeepAliveDue(System.nanoTime() - TimeUnit.HOURS.toNanos(1)));
            // It answers only the keep-alive ping, the last one sent, as a client still connected but not reading would.
            deafClient.acknowledge(deaf.pings.get(deaf.pings.size() - 1).duplicate());
        }

        assertNotNull(deaf.closedWith, "answering keep-alive pings does not hide a client that stopped reading");
        assertTrue(deaf.sent.size() < 500, "closed after about 4 MiB, not after " + deaf.sent.size() + " frames");
        assertEquals(null, quiet.closedWith);
    }

    @Test
    void aSocketSilentForThreeKeepAliveIntervalsIsClosedAndOneThatAnswersStays() {
        FakeSession silent = new FakeSession();
        FakeSession answering = new FakeSession();
        fixture.connect(silent, "u1");
        ClientConnection answeringClient = fixture.connect(answering, "u2");
        long connected = System.nanoTime();

        registry.keepAlive(new KeepAliveDue(connected - TimeUnit.SECONDS.toNanos(90)));
        assertEquals(null, silent.closedWith, "a socket is not taken for dead before three intervals passed");
        long cutoff = System.nanoTime();
        answeringClient.acknowledge(answering.pings.get(0).duplicate());

        registry.keepAlive(new KeepAliveDue(cutoff));
        assertNotNull(silent.closedWith, "nothing heard since the cutoff: closed");
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, silent.closedWith.getCloseCode());
        assertEquals(null, answering.closedWith, "its pong counts as being heard from");
    }

    @Test
    void aClientThatStopsReadingIsClosedWithoutHoldingUpOthers() {
        FakeSession stalled = new FakeSession();
        stalled.stalled = true;
        FakeSession healthy = new FakeSession();
        registry.subscribe(fixture.connect(stalled, "u1"), ChannelPattern.parse("view:a:*"), false);
        registry.subscribe(fixture.connect(healthy, "u2"), ChannelPattern.parse("view:a:*"), false);

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
        registry.subscribe(fixture.connect(refusing, "u1"), ChannelPattern.parse("view:a:*"), false);
        registry.subscribe(fixture.connect(healthy, "u2"), ChannelPattern.parse("view:a:*"), false);
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
