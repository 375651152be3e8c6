package org.appcluster.cart.entity;

import java.time.Instant;
import java.util.List;

/** A stored cart, to be sent to its user's other devices; {@code uuid} is the verified page that changed it, or null. */
public record CartChanged(String username, List<String> items, Instant at, String uuid) {
}
