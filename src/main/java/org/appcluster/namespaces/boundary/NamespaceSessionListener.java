package org.appcluster.namespaces.boundary;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.appcluster.namespaces.control.NamespaceSockets;

/**
 * A signed-in session that ends, by signing out or by expiring, closes its namespace sockets with
 * 4401; a session that changes its id keeps its sockets.
 */
@WebListener
public class NamespaceSessionListener implements HttpSessionListener, HttpSessionIdListener {

    @Inject
    NamespaceSockets sockets;

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        sockets.sessionEnded(event.getSession().getId());
    }

    /** Signing out may give the session a new id before it ends. */
    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        sockets.sessionIdChanged(oldSessionId, event.getSession().getId());
    }
}
