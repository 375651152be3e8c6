package org.appcluster.admin.entity;

import jakarta.json.JsonObject;

/** A node as the cluster view sees it: up, gone (missed beats) or left (said goodbye). */
public record Member(String instanceId, String status, long lastSeenMillisAgo, JsonObject lastBeat) {
}
