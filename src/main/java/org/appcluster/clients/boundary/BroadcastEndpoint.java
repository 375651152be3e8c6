package org.appcluster.clients.boundary;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.ByteBuffer;
import java.util.logging.Logger;
import org.appcluster.clients.control.ClientConnection;
import org.appcluster.clients.control.ClientFrames;

/**
 * The browsers' broadcast socket: opens, closes and hands each frame to {@link BroadcastSockets}.
 * Instances come from {@link BroadcastEndpointConfigurator}, not from CDI: Payara's WebSocket
 * layer built a new injection target for every socket, a tenth of a node's CPU while sockets
 * connect.
 */
@ServerEndpoint(value = ClientFrames.NAMESPACE, configurator = BroadcastEndpointConfigurator.class)
public class BroadcastEndpoint {

    private static final Logger LOG = Logger.getLogger(BroadcastEndpoint.class.getName());
    /** Above the 64 KiB protocol limit so an oversized frame gets an error frame, not a closed socket. */
    private static final int MAX_TEXT_BUFFER = 1 << 20;

    private final BroadcastSockets sockets;
    private ClientConnection client;

    BroadcastEndpoint(BroadcastSockets sockets) {
        this.sockets = sockets;
    }

    @OnOpen
    public void open(Session session) {
        client = sockets.open(session);
    }

    @OnMessage(maxMessageSize = MAX_TEXT_BUFFER)
    public void message(String text) {
        sockets.message(client, text);
    }

    /** The protocol is JSON text: a binary frame gets an error frame, and the socket stays open. */
    @OnMessage(maxMessageSize = MAX_TEXT_BUFFER)
    public void binary(ByteBuffer ignored) {
        sockets.binary(client);
    }

    /** Pongs answer the pings that measure how much the client has read. */
    @OnMessage
    public void pong(PongMessage pong) {
        client.acknowledge(pong.getApplicationData());
    }

    @OnClose
    public void close(Session session) {
        if (client != null) {
            sockets.close(client);
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        LOG.fine(() -> "Socket error on session " + session.getId() + ": " + error);
    }
}
