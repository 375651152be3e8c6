/**
 * The seed's Pattern 4: one user's shopping cart kept in step on all their devices. A change is
 * stored, then published to that user alone ({@code Broadcaster.publishToUser}) on
 * {@code view:cart:items:changed}; no other user's page receives it.
 */
package org.appcluster.cart;
