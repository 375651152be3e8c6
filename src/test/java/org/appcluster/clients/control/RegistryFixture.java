package org.appcluster.clients.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.appcluster.broadcast.control.RedisBus;
import org.appcluster.broadcast.entity.ChannelPattern;
import org.appcluster.broadcast.entity.Envelope;
import org.appcluster.clients.send.SendPath;

/** A registry with no Redis behind it, and sockets on {@link FakeSession}s writing the portable way. */
final class RegistryFixture {

    final ClientRegistry registry = new ClientRegistry();
    final RecordingBus bus = new RecordingBus();

    RegistryFixture() {
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

    ClientConnection connect(FakeSession session, String uuid) {
        ClientConnection client = new ClientConnection(session.session(), uuid, "", registry.slowConsumers(),
                SendPath.of("portable", null).writerFor(session.session()), registry.framesSentCounter());
        registry.add(client);
        return client;
    }

    static Envelope message(String channel, String senderUuid) {
        JsonObject data = Json.createObjectBuilder().add("n", 1).build();
        return new Envelope("id-1", channel, data, "node-a", "2026-11-28T10:00:00Z", JsonObject.EMPTY_JSON_OBJECT, null, senderUuid);
    }
}
