package org.appcluster.broadcast.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.appcluster.broadcast.entity.Envelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCodecTest {

    private final EnvelopeCodec codec = new EnvelopeCodec();

    @Test
    void roundTripsEveryField() {
        JsonObject data = Json.createObjectBuilder()
                .add("title", "Grüße \"quoted\" <b>&</b> 😀")
                .add("nested", Json.createObjectBuilder().add("list", Json.createArrayBuilder().add(1).add(2.5).addNull()))
                .build();
        Envelope envelope = new Envelope("ab12-1", "view:todo:list:changed", data, "node-a:8080:42",
                "2026-11-28T10:00:00Z", Json.createObjectBuilder().add("username", "jane").build(),
                "c0ffee00-0000-4000-8000-000000000002", "c0ffee00-0000-4000-8000-000000000001");

        Envelope decoded = codec.decode(codec.encode(envelope));

        assertEquals(envelope, decoded);
        assertEquals("c0ffee00-0000-4000-8000-000000000001", decoded.senderUuid());
    }

    @Test
    void aPayloadsOwnUuidFieldNamesNoSender() {
        Envelope envelope = new Envelope("1", "view:a:b:c", Json.createObjectBuilder().add("uuid", "someone").build(), "n",
                "t", JsonObject.EMPTY_JSON_OBJECT, null, null);
        assertNull(codec.decode(codec.encode(envelope)).senderUuid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{}", "{\"id\":\"1\",\"channel\":\"view:a:b:c\"}",
            "{\"id\":\"1\",\"channel\":\"view:a:b:c\",\"data\":{},\"instanceId\":null}"})
    void refusesTextThatIsNotAnEnvelope(String text) {
        assertThrows(IllegalArgumentException.class, () -> codec.decode(text));
    }
}
