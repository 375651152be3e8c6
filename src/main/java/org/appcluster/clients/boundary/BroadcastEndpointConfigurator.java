package org.appcluster.clients.boundary;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Makes each socket's {@link BroadcastEndpoint} with a constructor call. The one bean every
 * endpoint delegates to is looked up once, on the first handshake, rather than injected into each.
 */
public class BroadcastEndpointConfigurator extends ServerEndpointConfig.Configurator {

    private volatile BroadcastSockets sockets;

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != BroadcastEndpoint.class) {
            throw new InstantiationException("This configurator makes broadcast endpoints only, not " + endpointClass.getName());
        }
        BroadcastSockets current = sockets;
        if (current == null) {
            current = CDI.current().select(BroadcastSockets.class).get();
            sockets = current;
        }
        return endpointClass.cast(new BroadcastEndpoint(current));
    }
}
