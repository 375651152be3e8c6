package org.appcluster.clients.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.websocket.Session;
import java.security.Principal;
import java.util.logging.Logger;
import org.appcluster.broadcast.boundary.Broadcaster;
import org.appcluster.clients.control.ChannelPresence;
import org.appcluster.clients.control.ClientConnection;
import org.appcluster.clients.control.ClientFrames;
import org.appcluster.clients.control.ClientMessages;
import org.appcluster.clients.control.ClientRegistry;
import org.appcluster.clients.control.ClientUuids;
import org.appcluster.clients.send.SocketWriters;
import org.appcluster.security.control.ClientTokens;

/**
 * What every broadcast socket does, in one bean for all of them: the endpoint instance of each
 * socket only holds its connection and delegates here, so opening a socket injects nothing.
 */
@ApplicationScoped
public class BroadcastSockets {

    private static final Logger LOG = Logger.getLogger(BroadcastSockets.class.getName());

    @Inject
    ClientRegistry registry;

    @Inject
    ClientMessages messages;

    @Inject
    ChannelPresence presence;

    @Inject
    SocketWriters writers;

    @Inject
    Broadcaster broadcaster;

    @Inject
    ClientTokens clientTokens;

    ClientConnection open(Session session) {
        ClientConnection client = new ClientConnection(session, ClientUuids.of(session), usernameOf(session.getUserPrincipal()),
                registry.slowConsumers(), writers.writerFor(session), registry.framesSentCounter());
        registry.add(client);
        client.send(ClientFrames.connected(client, broadcaster.isRedisAvailable(), broadcaster.instanceId(), clientTokens.issue(client.uuid())));
        client.send(ClientFrames.welcome(client));
        LOG.fine(() -> "Client " + client.uuid() + " connected (session " + session.getId() + ")");
        return client;
    }

    void message(ClientConnection client, String text) {
        client.heard();
        messages.handle(client, text);
    }

    void binary(ClientConnection client) {
        client.heard();
        messages.refuseBinary(client);
    }

    void close(ClientConnection client) {
        registry.remove(client);
        presence.leaveAll(client);
    }

    private static String usernameOf(Principal principal) {
        return principal == null ? "" : principal.getName();
    }
}
