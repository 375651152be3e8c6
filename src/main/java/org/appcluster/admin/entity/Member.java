package org.appcluster.admin.entity;

import jakarta.json.JsonObject;
import java.util.List;

/**
 * A node as the cluster view sees it: up, gone (missed beats) or left (said goodbye), with the
 * charted figures of its recent beats, oldest first.
 */
public record Member(String instanceId, String status, long lastSeenMillisAgo, JsonObject lastBeat, List<JsonObject> history) {
}
