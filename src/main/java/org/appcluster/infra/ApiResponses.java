package org.appcluster.infra;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

/** The envelope of every API answer: {@code success} plus {@code data}, or an error with a code. */
public final class ApiResponses {

    private static final JsonProvider JSON = JsonProvider.provider();

    private ApiResponses() {
    }

    public static JsonObject success(JsonValue data, String message) {
        var body = JSON.createObjectBuilder().add("success", true).add("data", data);
        if (message != null) {
            body.add("message", message);
        }
        return body.build();
    }

    public static JsonObject error(String message, String code, String path) {
        return JSON.createObjectBuilder()
                .add("success", false)
                .add("error", message)
                .add("code", code)
                .add("path", path)
                .build();
    }
}
