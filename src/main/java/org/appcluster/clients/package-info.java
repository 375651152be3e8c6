/**
 * Browsers on this node: the broadcast WebSocket, each socket's subscriptions indexed by channel,
 * and the relay that sends one serialised frame per message to every interested socket.
 */
package org.appcluster.clients;
