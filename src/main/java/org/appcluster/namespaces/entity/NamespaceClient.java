package org.appcluster.namespaces.entity;

import java.util.Map;

/**
 * One socket of a namespace as its handler sees it.
 *
 * @param clientId the page's client uuid (shared with its broadcast socket)
 * @param username the signed-in user, or empty
 * @param path the namespace path the socket opened, rooms filled in ({@code /api/1/ws/chat/lobby})
 * @param pathParameters the room segments by name ({@code room} → {@code lobby})
 */
public record NamespaceClient(String clientId, String username, String path, Map<String, String> pathParameters) {

    public NamespaceClient {
        pathParameters = Map.copyOf(pathParameters);
    }

    public boolean signedIn() {
        return !username.isEmpty();
    }
}
