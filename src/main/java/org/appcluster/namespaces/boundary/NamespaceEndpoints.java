package org.appcluster.namespaces.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import org.appcluster.namespaces.control.DeclaredNamespace;
import org.appcluster.namespaces.control.NamespaceCatalog;
import org.appcluster.namespaces.control.NamespaceSockets;

/**
 * Registers one WebSocket endpoint per declared namespace while the application deploys, the one
 * moment the WebSocket API lets an application add endpoints it only knows at run time.
 */
@WebListener
public class NamespaceEndpoints implements ServletContextListener {

    @Inject
    NamespaceCatalog catalog;

    @Inject
    NamespaceSockets sockets;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServerContainer container = (ServerContainer) event.getServletContext().getAttribute(ServerContainer.class.getName());
        if (container == null) {
            throw new IllegalStateException("The server offers no WebSocket container to register namespaces in");
        }
        for (DeclaredNamespace namespace : catalog.all()) {
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(NamespaceEndpoint.class, namespace.template())
                        .configurator(new NamespaceEndpointConfigurator(sockets, namespace))
                        .build());
            } catch (DeploymentException e) {
                throw new IllegalStateException("Cannot open WebSocket namespace " + namespace.template(), e);
            }
        }
    }
}
