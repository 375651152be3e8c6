package org.appcluster.clients.control;

import jakarta.websocket.Session;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** The client uuid a page names in its socket URL ({@code ?uuid=}), shared by all sockets of one tab. */
public final class ClientUuids {

    private static final Pattern UUID_FORMAT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ClientUuids() {
    }

    /** A missing or malformed uuid gets a fresh one, reported back in the connected frame. */
    public static String of(Session session) {
        List<String> values = session.getRequestParameterMap().get("uuid");
        if (values != null && !values.isEmpty() && UUID_FORMAT.matcher(values.get(0)).matches()) {
            return values.get(0);
        }
        return UUID.randomUUID().toString();
    }
}
