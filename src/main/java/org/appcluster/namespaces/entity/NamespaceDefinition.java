package org.appcluster.namespaces.entity;

import java.util.Set;

/** A declared namespace: its path, who may connect, what each of its clients may send, and whether it tracks presence. */
public record NamespaceDefinition(PathTemplate path, boolean signedIn, Set<String> roles, int maxMessageBytes,
                                  int maxMessagesPerSecond, boolean presence) {

    public NamespaceDefinition {
        roles = Set.copyOf(roles);
        signedIn = signedIn || !roles.isEmpty();
    }
}
