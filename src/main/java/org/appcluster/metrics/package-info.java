/**
 * The node's numbers in Prometheus text at {@code /api/1/metrics}, written by the WAR itself so
 * Payara and WildFly expose the same counters, gauges and histogram with the same types.
 */
package org.appcluster.metrics;
