package org.appcluster.presence.entity;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who is online in one room (a namespace room or a broadcast channel) across the cluster: open sockets per signed-in user, and
 * how many sockets are signed out.
 */
public record RoomPresence(Map<String, Integer> users, int anonymous) {

    public static final RoomPresence EMPTY = new RoomPresence(Map.of(), 0);

    /** @param users kept in name order, as every node and page lists them */
    public RoomPresence {
        users = Collections.unmodifiableMap(new TreeMap<>(users));
    }

    /** Sockets per user (the empty name for signed-out ones) added up into one room's presence. */
    public static RoomPresence of(Map<String, Integer> socketsByUser) {
        Map<String, Integer> users = new TreeMap<>(socketsByUser);
        Integer anonymous = users.remove("");
        return new RoomPresence(users, anonymous == null ? 0 : anonymous);
    }

    public boolean isEmpty() {
        return users.isEmpty() && anonymous == 0;
    }
}
