package org.appcluster.clients.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.appcluster.broadcast.control.ChannelHistory;
import org.appcluster.broadcast.control.ChannelPolicy;
import org.appcluster.presence.control.ClusterPresence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientMessagesTest {

    private final ClientMessages messages = new ClientMessages();
    private final FakeSession session = new FakeSession();
    private ClientConnection client;

    @BeforeEach
    void connect() {
        RegistryFixture fixture = new RegistryFixture();
        messages.registry = fixture.registry;
        messages.policy = new ChannelPolicy();
        messages.presence = new ChannelPresence();
        messages.presence.cluster = new ClusterPresence();
        messages.presence.registry = fixture.registry;
        messages.registry.history = new ChannelHistory();
        client = fixture.connect(session, "u1");
    }

    private JsonObject lastFrame() {
        return Json.createReader(new StringReader(session.sent.get(session.sent.size() - 1))).readObject();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{oops                                                  | INVALID_MESSAGE",
            "\"just a string\"                                      | INVALID_MESSAGE",
            "{\"channel\":\"view:a:b:c\"}                           | INVALID_MESSAGE",
            "{\"type\":\"dance\"}                                   | UNKNOWN_TYPE",
            "{\"type\":\"subscribe\"}                               | INVALID_MESSAGE",
            "{\"type\":\"subscribe\",\"channel\":\"view:a\"}        | INVALID_CHANNEL",
            "{\"type\":\"subscribe\",\"channel\":\"view:a:b:c\",\"omitSelf\":1} | INVALID_MESSAGE",
            "{\"type\":\"subscribe\",\"channel\":\"model:a:b:c\"}   | FORBIDDEN_CHANNEL",
            "{\"type\":\"subscribe\",\"channel\":\"*\"}             | FORBIDDEN_CHANNEL",
            "{\"type\":\"subscribe\",\"channel\":\"view:a:b:*\",\"presence\":true}   | INVALID_MESSAGE",
            "{\"type\":\"subscribe\",\"channel\":\"view:a:b:c\",\"presence\":\"yes\"} | INVALID_MESSAGE",
            "{\"type\":\"subscribe\",\"channel\":\"view:a:b:c\",\"presence\":true}   | UNAUTHORIZED"})
    void answersBadMessagesWithAnErrorFrame(String text, String code) {
        messages.handle(client, text);
        JsonObject frame = lastFrame();
        assertEquals(false, frame.getBoolean("success"));
        assertEquals(code, frame.getString("code"));
        assertEquals(0, messages.registry.patternCount());
    }

    @Test
    void aBinaryFrameIsAnErrorFrame() {
        messages.refuseBinary(client);
        assertEquals("UNSUPPORTED_FRAME", lastFrame().getString("code"));
    }

    @Test
    void aDeeplyNestedMessageIsAnErrorFrame() {
        messages.handle(client, "{\"type\":\"ping\",\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        assertEquals("INVALID_MESSAGE", lastFrame().getString("code"));
    }

    @Test
    void refusesFramesOverTheSizeLimitCountingBytes() {
        messages.handle(client, "{\"type\":\"ping\",\"pad\":\"" + "é".repeat(ClientLimits.MAX_FRAME_BYTES / 2) + "\"}");
        assertEquals("MESSAGE_TOO_LARGE", lastFrame().getString("code"));
    }

    @Test
    void subscribeUnsubscribeAndPingAreAcknowledged() {
        messages.handle(client, "{\"type\":\"subscribe\",\"channel\":\"view:todo:*\",\"omitSelf\":true}");
        assertEquals("subscribed", lastFrame().getJsonObject("data").getString("type"));
        assertEquals(1, messages.registry.patternCount());
        messages.handle(client, "{\"type\":\"unsubscribe\",\"channel\":\"view:todo:*\"}");
        assertEquals("unsubscribed", lastFrame().getJsonObject("data").getString("type"));
        assertEquals(0, messages.registry.patternCount());
        messages.handle(client, "{\"type\":\"ping\"}");
        assertEquals("pong", lastFrame().getJsonObject("data").getString("type"));
    }

    @Test
    void answersTheFirstMessageOverTheRateLimitOnceAndDropsTheRest() {
        for (int i = 0; i < ClientLimits.MAX_MESSAGES + 20; i++) {
            messages.handle(client, "{\"type\":\"ping\"}");
        }
        assertEquals(ClientLimits.MAX_MESSAGES + 1, session.sent.size());
        assertEquals("RATE_LIMIT_EXCEEDED", lastFrame().getString("code"));
    }

    @Test
    void limitsSubscriptionsPerConnection() {
        long[] now = {0};
        messages.clock = () -> now[0] += 1_000_000_000L;
        for (int i = 0; i < ClientLimits.MAX_SUBSCRIPTIONS + 1; i++) {
            messages.handle(client, "{\"type\":\"subscribe\",\"channel\":\"view:many:c" + i + ":x\"}");
        }
        assertEquals("TOO_MANY_SUBSCRIPTIONS", lastFrame().getString("code"));
        assertEquals(ClientLimits.MAX_SUBSCRIPTIONS, messages.registry.patternCount());
    }
}
