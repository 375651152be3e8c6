package org.appcluster.presence.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.util.Set;

/**
 * A room's presence changed (a CDI event, fired on the node whose count of it changed or that
 * heard of another node's change): who is online now, who joined and who left. {@code room} is a
 * namespace room's path or a broadcast channel's name. Observers run under the presence lock, on
 * the thread that made or heard the change (often the dispatcher's): they must not block.
 */
public record PresenceChange(String room, RoomPresence now, Set<String> joined, Set<String> left) {

    private static final JsonProvider JSON = JsonProvider.provider();

    public PresenceChange {
        joined = Set.copyOf(joined);
        left = Set.copyOf(left);
    }

    /** A newcomer's first view: everyone online, nobody joined or left. */
    public static PresenceChange snapshot(String room, RoomPresence now) {
        return new PresenceChange(room, now, Set.of(), Set.of());
    }

    /** {@code {<roomField>, users:[{username, sockets}], anonymous, joined, left}}. */
    public JsonObjectBuilder toJson(String roomField) {
        JsonArrayBuilder users = JSON.createArrayBuilder();
        now.users().forEach((user, count) -> users.add(JSON.createObjectBuilder().add("username", user).add("sockets", count)));
        return JSON.createObjectBuilder()
                .add(roomField, room)
                .add("users", users)
                .add("anonymous", now.anonymous())
                .add("joined", JSON.createArrayBuilder(joined.stream().sorted().toList()))
                .add("left", JSON.createArrayBuilder(left.stream().sorted().toList()));
    }
}
