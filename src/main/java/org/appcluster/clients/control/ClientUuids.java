package org.appcluster.clients.control;

import jakarta.websocket.Session;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/** The client uuid a page names in its socket URL ({@code ?uuid=}), shared by all sockets of one tab. */
public final class ClientUuids {

    private static final Pattern UUID_FORMAT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ClientUuids() {
    }

    /** A missing or malformed uuid gets a fresh one, reported back in the connected frame. */
    public static String of(Session session) {
        String named = named(session.getRequestParameterMap());
        return UUID_FORMAT.matcher(named).matches() ? named : UUID.randomUUID().toString();
    }

    /** The {@code uuid} of a handshake's query parameters as sent, unchecked; empty without one. */
    public static String named(Map<String, List<String>> parameters) {
        List<String> values = parameters.get("uuid");
        return values == null || values.isEmpty() ? "" : values.get(0);
    }
}
