/**
 * Bi-directional WebSocket namespaces ({@code jPulse.ws}): an application declares a namespace as
 * a CDI bean ({@link org.appcluster.namespaces.boundary.WebSocketNamespace}), its sockets share
 * the broadcast socket's send path and limits, and {@link org.appcluster.namespaces.boundary.Namespaces}
 * reaches its clients on every node through the Redis bus.
 */
package org.appcluster.namespaces;
