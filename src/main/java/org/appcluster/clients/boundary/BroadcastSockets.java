package org.appcluster.clients.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.security.Principal;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.clients.control.ClientConnection;
import org.appcluster.clients.control.ClientFrames;
import org.appcluster.clients.control.ClientMessages;
import org.appcluster.clients.control.ClientRegistry;
import org.appcluster.clients.send.SocketWriters;
import org.appcluster.security.control.ClientTokens;

/**
 * What every broadcast socket does, in one bean for all of them: the endpoint instance of each
 * socket only holds its connection and delegates here, so opening a socket injects nothing.
 */
@ApplicationScoped
public class BroadcastSockets {

    private static final Logger LOG = Logger.getLogger(BroadcastSockets.class.getName());
    private static final Pattern UUID_FORMAT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Inject
    ClientRegistry registry;

    @Inject
    ClientMessages messages;

    @Inject
    SocketWriters writers;

    @Inject
    Broadcaster broadcaster;

    @Inject
    ClientTokens clientTokens;

    ClientConnection open(Session session) {
        ClientConnection client = new ClientConnection(session, uuidOf(session), usernameOf(session.getUserPrincipal()),
                registry.slowConsumers(), writers.writerFor(session), registry.framesSentCounter());
        registry.add(client);
        client.send(ClientFrames.connected(client, broadcaster.isRedisAvailable(), broadcaster.instanceId(), clientTokens.issue(client.uuid())));
        client.send(ClientFrames.welcome(client));
        LOG.fine(() -> "Client " + client.uuid() + " connected (session " + session.getId() + ")");
        return client;
    }

    void message(ClientConnection client, String text) {
        messages.handle(client, text);
    }

    void binary(ClientConnection client) {
        messages.refuseBinary(client);
    }

    void close(ClientConnection client) {
        registry.remove(client);
    }

    /** A missing or malformed uuid gets a fresh one, reported back in the connected frame. */
    private static String uuidOf(Session session) {
        List<String> values = session.getRequestParameterMap().get("uuid");
        if (values != null && !values.isEmpty() && UUID_FORMAT.matcher(values.get(0)).matches()) {
            return values.get(0);
        }
        return UUID.randomUUID().toString();
    }

    private static String usernameOf(Principal principal) {
        return principal == null ? "" : principal.getName();
    }
}
