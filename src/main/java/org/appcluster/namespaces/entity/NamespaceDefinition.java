package org.appcluster.namespaces.entity;

import java.util.Set;

/** A declared namespace: its path, who may connect, and what each of its clients may send. */
public record NamespaceDefinition(PathTemplate path, boolean signedIn, Set<String> roles, int maxMessageBytes,
                                  int maxMessagesPerSecond) {

    public NamespaceDefinition {
        roles = Set.copyOf(roles);
        signedIn = signedIn || !roles.isEmpty();
    }
}
