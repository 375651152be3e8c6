package org.appcluster.infra;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;

/** What server code hands the APIs as message data: a {@link JsonObject}, or an object JSON-B maps to one. */
public final class JsonObjects {

    /** Looked up once: {@code Json.create…} looks the provider up through the ServiceLoader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonObjects() {
    }

    /** @throws IllegalArgumentException when {@code data} does not map to a JSON object */
    public static JsonObject from(Object data) {
        if (data instanceof JsonObject object) {
            return object;
        }
        JsonValue value = JSON.createReader(new StringReader(JSONB.toJson(data))).readValue();
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("message data must be a JSON object, got " + value.getValueType());
        }
        return value.asJsonObject();
    }
}
