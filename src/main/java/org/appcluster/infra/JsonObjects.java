package org.appcluster.infra;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;

/** What server code hands the APIs as message data: a {@link JsonObject}, or an object JSON-B maps to one. */
public final class JsonObjects {

    private static final Jsonb JSONB = JsonbBuilder.create();

    private JsonObjects() {
    }

    /** @throws IllegalArgumentException when {@code data} does not map to a JSON object */
    public static JsonObject from(Object data) {
        if (data instanceof JsonObject object) {
            return object;
        }
        JsonValue value = Json.createReader(new StringReader(JSONB.toJson(data))).readValue();
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new IllegalArgumentException("message data must be a JSON object, got " + value.getValueType());
        }
        return value.asJsonObject();
    }
}
