package org.appcluster.namespaces.control;

import org.appcluster.namespaces.boundary.NamespaceHandler;
import org.appcluster.namespaces.entity.NamespaceDefinition;

/** A namespace as the application declared it, with the bean that handles it. */
public record DeclaredNamespace(NamespaceDefinition definition, NamespaceHandler handler) {

    public String template() {
        return definition.path().value();
    }
}
