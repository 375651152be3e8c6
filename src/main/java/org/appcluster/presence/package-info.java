/**
 * Who is online where, across nodes: each node counts its own sockets per room (a namespace room
 * or a broadcast channel a page asked presence for) and shares its counts on the Redis bus.
 * The sockets' own features tell their clients of each change.
 */
package org.appcluster.presence;
