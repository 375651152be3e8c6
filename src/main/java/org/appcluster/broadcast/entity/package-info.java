/**
 * The vocabulary of the broadcast bus: channel names and patterns with their rules, the envelope
 * a message travels in between nodes, and the server callback signature.
 */
package org.appcluster.broadcast.entity;
