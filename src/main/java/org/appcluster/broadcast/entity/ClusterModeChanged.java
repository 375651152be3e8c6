package org.appcluster.broadcast.entity;

/** Fired when this node gains or loses Redis: {@code clusterMode} false means local-only delivery. */
public record ClusterModeChanged(boolean clusterMode, String instanceId) {
}
