package org.appcluster.namespaces.boundary;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.logging.Logger;
import org.appcluster.namespaces.control.DeclaredNamespace;
import org.appcluster.namespaces.control.NamespaceConnection;
import org.appcluster.namespaces.control.NamespaceSockets;

/**
 * One socket of a declared namespace, registered per namespace path by {@link NamespaceEndpoints};
 * like the broadcast endpoint it only holds its connection and delegates to one bean.
 */
public class NamespaceEndpoint extends Endpoint {

    private static final Logger LOG = Logger.getLogger(NamespaceEndpoint.class.getName());
    /** Above any namespace's limit so an oversized message gets an error frame, not a closed socket. */
    private static final int MAX_TEXT_BUFFER = 1 << 20;

    private final NamespaceSockets sockets;
    private final DeclaredNamespace namespace;
    private NamespaceConnection connection;

    NamespaceEndpoint(NamespaceSockets sockets, DeclaredNamespace namespace) {
        this.sockets = sockets;
        this.namespace = namespace;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize(MAX_TEXT_BUFFER);
        session.setMaxBinaryMessageBufferSize(MAX_TEXT_BUFFER);
        connection = sockets.open(namespace, session.getPathParameters(), session);
        session.addMessageHandler(String.class, text -> sockets.message(connection, text));
        session.addMessageHandler(ByteBuffer.class, ignored -> sockets.binary(connection));
        session.addMessageHandler(PongMessage.class, pong -> connection.acknowledge(pong.getApplicationData()));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (connection != null) {
            sockets.close(connection);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.fine(() -> "Socket error on " + namespace.template() + " session " + session.getId() + ": " + error);
    }
}
