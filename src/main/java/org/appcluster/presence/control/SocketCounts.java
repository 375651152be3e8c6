package org.appcluster.presence.control;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.HashMap;
import java.util.Map;

/** A room's sockets per username ("" signed out) as nodes send them to each other: {@code {"alice":2,"":1}}. */
final class SocketCounts {

    private static final JsonProvider JSON = JsonProvider.provider();

    private SocketCounts() {
    }

    static JsonObject toJson(Map<String, Integer> users) {
        JsonObjectBuilder counts = JSON.createObjectBuilder();
        users.forEach(counts::add);
        return counts.build();
    }

    /** What another node sent; anything that is not a number is left out. */
    static Map<String, Integer> fromJson(JsonObject counts) {
        Map<String, Integer> users = new HashMap<>();
        counts.forEach((user, count) -> {
            if (count.getValueType() == JsonValue.ValueType.NUMBER) {
                users.put(user, ((JsonNumber) count).intValue());
            }
        });
        return users;
    }
}
