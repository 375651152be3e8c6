package org.appcluster.chat.entity;

import java.time.Instant;

/** One stored chat message. */
public record ChatMessage(String id, String room, String username, String text, Instant at) {
}
