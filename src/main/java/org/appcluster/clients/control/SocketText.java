package org.appcluster.clients.control;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.appcluster.infra.JsonNesting;

/** Reading what a client sent on a socket, the same for the broadcast socket and the namespaces. */
public final class SocketText {

    private static final JsonProvider JSON = JsonProvider.provider();

    private SocketText() {
    }

    /** Whether {@code text} takes more than {@code maxBytes} in UTF-8, encoding it only when it might. */
    public static boolean tooLarge(String text, int maxBytes) {
        if (text.length() > maxBytes) {
            return true;
        }
        return text.length() * 3 > maxBytes && text.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }

    /** @throws InvalidSocketMessage when the text is not one JSON object of sane nesting */
    public static JsonObject parseObject(String text) {
        if (JsonNesting.tooDeep(text)) {
            throw new InvalidSocketMessage("Message nests deeper than " + JsonNesting.MAX_DEPTH + " levels");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new InvalidSocketMessage("Message must be a JSON object");
            }
            return value.asJsonObject();
        } catch (JsonException e) {
            throw new InvalidSocketMessage("Message is not valid JSON");
        }
    }

    /** A frame the protocol cannot take; its message goes back to the client as is. */
    public static final class InvalidSocketMessage extends RuntimeException {
        public InvalidSocketMessage(String message) {
            super(message);
        }
    }
}
