/**
 * The multi-server chat of the seed's "Use BOTH" example: messages, typing and presence over the
 * {@code /api/1/ws/chat/{room}} namespace, user status changed through REST and spread as an App
 * Cluster broadcast on {@code view:chat:user:status}, the last messages of each room in MongoDB.
 */
package org.appcluster.chat;
