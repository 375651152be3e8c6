package org.appcluster.namespaces.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.appcluster.clients.control.ClientFrames;
import org.appcluster.namespaces.boundary.NamespaceHandler;
import org.appcluster.namespaces.boundary.WebSocketNamespace;
import org.appcluster.namespaces.entity.NamespaceDefinition;
import org.appcluster.namespaces.entity.PathTemplate;

/**
 * The namespaces the application declared: every {@link NamespaceHandler} bean with its
 * {@link WebSocketNamespace}. A handler without the annotation, a path outside {@code /api/1/ws/}
 * or two namespaces on one path fail the deployment rather than leave a socket that never opens.
 */
@ApplicationScoped
public class NamespaceCatalog {

    private static final Logger LOG = Logger.getLogger(NamespaceCatalog.class.getName());

    @Inject
    BeanManager beans;

    private List<DeclaredNamespace> namespaces = List.of();

    @PostConstruct
    void discover() {
        List<DeclaredNamespace> found = new ArrayList<>();
        for (Bean<?> bean : beans.getBeans(NamespaceHandler.class, Any.Literal.INSTANCE)) {
            WebSocketNamespace declared = bean.getBeanClass().getAnnotation(WebSocketNamespace.class);
            if (declared == null) {
                throw new IllegalStateException(bean.getBeanClass().getName() + " handles a namespace but has no @WebSocketNamespace");
            }
            PathTemplate path = PathTemplate.parse(declared.value());
            if (path.value().equals(ClientFrames.NAMESPACE)) {
                throw new IllegalStateException(path + " is the broadcast socket's path");
            }
            NamespaceDefinition definition = new NamespaceDefinition(path, declared.signedIn(), Set.of(declared.roles()),
                    declared.maxMessageBytes(), declared.maxMessagesPerSecond(), declared.presence());
            NamespaceHandler handler = (NamespaceHandler) beans.getReference(bean, NamespaceHandler.class, beans.createCreationalContext(bean));
            found.add(new DeclaredNamespace(definition, handler));
        }
        found.sort(Comparator.comparing(DeclaredNamespace::template));
        for (int i = 1; i < found.size(); i++) {
            if (found.get(i).template().equals(found.get(i - 1).template())) {
                throw new IllegalStateException("Two namespaces declare " + found.get(i).template());
            }
        }
        namespaces = List.copyOf(found);
        namespaces.forEach(namespace -> LOG.info(() -> "WebSocket namespace " + namespace.template()
                + (namespace.definition().signedIn() ? " (signed-in users" + rolesOf(namespace) + ")" : " (anyone)")));
    }

    private static String rolesOf(DeclaredNamespace namespace) {
        Set<String> roles = namespace.definition().roles();
        return roles.isEmpty() ? "" : " with a role of " + roles;
    }

    public List<DeclaredNamespace> all() {
        return namespaces;
    }

    /** The namespace a request path opens, with its room segments; a literal template wins over a {room} one. */
    public Optional<Opened> match(String requestPath) {
        Opened best = null;
        for (DeclaredNamespace namespace : namespaces) {
            Optional<Map<String, String>> parameters = namespace.definition().path().match(requestPath);
            if (parameters.isPresent() && (best == null || parameters.get().size() < best.pathParameters().size())) {
                best = new Opened(namespace, parameters.get());
            }
        }
        return Optional.ofNullable(best);
    }

    /** A namespace and the room segments of one path of it. */
    public record Opened(DeclaredNamespace namespace, Map<String, String> pathParameters) {
    }
}
