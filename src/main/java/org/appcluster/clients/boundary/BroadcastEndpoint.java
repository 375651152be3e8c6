package org.appcluster.clients.boundary;

import jakarta.inject.Inject;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
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

/** The browsers' broadcast socket: opens, closes and hands each text frame to {@link ClientMessages}. */
@ServerEndpoint(ClientFrames.NAMESPACE)
public class BroadcastEndpoint {

    private static final Logger LOG = Logger.getLogger(BroadcastEndpoint.class.getName());
    private static final Pattern UUID_FORMAT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Above the 64 KiB protocol limit so an oversized frame gets an error frame, not a closed socket. */
    private static final int MAX_TEXT_BUFFER = 1 << 20;

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

    private ClientConnection client;

    @OnOpen
    public void open(Session session) {
        client = new ClientConnection(session, uuidOf(session), usernameOf(session.getUserPrincipal()),
                registry.slowConsumers(), writers.writerFor(session));
        registry.add(client);
        client.send(ClientFrames.connected(client, broadcaster.isRedisAvailable(), broadcaster.instanceId(), clientTokens.issue(client.uuid())));
        client.send(ClientFrames.welcome(client));
        LOG.fine(() -> "Client " + client.uuid() + " connected (session " + session.getId() + ")");
    }

    @OnMessage(maxMessageSize = MAX_TEXT_BUFFER)
    public void message(String text) {
        messages.handle(client, text);
    }

    /** The protocol is JSON text: a binary frame gets an error frame, and the socket stays open. */
    @OnMessage(maxMessageSize = MAX_TEXT_BUFFER)
    public void binary(ByteBuffer ignored) {
        messages.refuseBinary(client);
    }

    /** Pongs answer the pings that measure how much the client has read. */
    @OnMessage
    public void pong(PongMessage pong) {
        client.acknowledge(pong.getApplicationData());
    }

    @OnClose
    public void close(Session session) {
        if (client != null) {
            registry.remove(client);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.fine(() -> "Socket error on session " + session.getId() + ": " + error);
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
