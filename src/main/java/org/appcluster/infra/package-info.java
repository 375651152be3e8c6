/** Plumbing shared by the features: configuration, MongoDB, the REST application and its error bodies. */
package org.appcluster.infra;
