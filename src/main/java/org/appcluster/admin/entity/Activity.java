package org.appcluster.admin.entity;

/** One broadcast seen by this node. */
public record Activity(String channel, String sourceInstanceId, String at) {
}
