/**
 * The demo pages under {@code /hello-app-cluster/}: the server-rendered parts of their shared
 * header. The pages themselves are JSPs in the webapp, their scripts plain files using the
 * {@code jPulse.appCluster} library.
 */
package org.appcluster.demo;
