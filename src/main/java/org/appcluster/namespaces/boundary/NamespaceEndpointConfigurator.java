package org.appcluster.namespaces.boundary;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.appcluster.clients.control.ClientUuids;
import org.appcluster.namespaces.control.DeclaredNamespace;
import org.appcluster.namespaces.control.NamespaceSockets;

/** Makes each socket's {@link NamespaceEndpoint} with a constructor call, for one namespace. */
class NamespaceEndpointConfigurator extends ServerEndpointConfig.Configurator {

    private final NamespaceSockets sockets;
    private final DeclaredNamespace namespace;

    NamespaceEndpointConfigurator(NamespaceSockets sockets, DeclaredNamespace namespace) {
        this.sockets = sockets;
        this.namespace = namespace;
    }

    /**
     * A signed-in handshake's HTTP session, so its sockets close with 4401 when the session ends.
     * The WebSocket API hands the session over here only, and Tyrus shares this config's user
     * properties between handshakes, so the sockets bean keeps it until the socket opens.
     */
    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        if (request.getUserPrincipal() != null && request.getHttpSession() instanceof HttpSession session) {
            sockets.handshakeSession(ClientUuids.named(request.getParameterMap()), request.getRequestURI().getPath(), session.getId());
        }
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != NamespaceEndpoint.class) {
            throw new InstantiationException("This configurator makes namespace endpoints only, not " + endpointClass.getName());
        }
        return endpointClass.cast(new NamespaceEndpoint(sockets, namespace));
    }
}
