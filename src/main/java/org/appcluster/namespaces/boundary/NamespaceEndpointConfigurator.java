package org.appcluster.namespaces.boundary;

import jakarta.websocket.server.ServerEndpointConfig;
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

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != NamespaceEndpoint.class) {
            throw new InstantiationException("This configurator makes namespace endpoints only, not " + endpointClass.getName());
        }
        return endpointClass.cast(new NamespaceEndpoint(sockets, namespace));
    }
}
