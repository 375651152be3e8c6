/**
 * The seed's Pattern 3, a real-time dashboard: pages listen on {@code view:dashboard:activity:update}
 * for user actions and for periodic cluster statistics. The statistics come from exactly one node
 * at a time, the holder of a Redis lease; when it dies the lease expires and another takes over.
 */
package org.appcluster.dashboard;
