/**
 * The cluster bus: publish on one node, deliver on all. Messages go through Redis when it is
 * there and stay on the node when it is not; server callbacks and WebSocket clients receive them
 * from one container-managed dispatcher thread.
 */
package org.appcluster.broadcast;
