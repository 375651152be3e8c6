/**
 * MicroProfile Health for load balancers and orchestrators: alive while the broadcast dispatcher
 * runs; ready while MongoDB answers. A node without Redis is still ready (it serves its own
 * clients) and says it is local-only rather than down.
 */
package org.appcluster.health;
