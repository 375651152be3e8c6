/**
 * The node's numbers in Prometheus text at the server's {@code /metrics}, through MicroProfile
 * Metrics. Only this package uses that API: on a server without it the rest runs unchanged.
 */
package org.appcluster.metrics;
