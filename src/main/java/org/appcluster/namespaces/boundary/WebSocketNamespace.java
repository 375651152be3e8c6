package org.appcluster.namespaces.boundary;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.appcluster.clients.control.ClientLimits;

/**
 * Declares a {@link NamespaceHandler} bean (also {@code @ApplicationScoped}) as a WebSocket
 * namespace. Who may not connect gets an HTTP answer at the handshake: 401 when the namespace
 * needs a signed-in user, 403 when the user has none of its roles.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WebSocketNamespace {

    /**
     * The path, under {@code /api/1/ws/}; a {@code {name}} segment makes one room per value, as in
     * {@code /api/1/ws/chat/{room}}.
     */
    String value();

    /** Whether only signed-in users may connect. */
    boolean signedIn() default false;

    /** Roles of which a user needs one to connect; any implies {@link #signedIn()}. */
    String[] roles() default {};

    /** Largest message a client may send, in UTF-8 bytes. */
    int maxMessageBytes() default ClientLimits.MAX_FRAME_BYTES;

    /** Messages a client may send per second; more are refused with {@code RATE_LIMIT_EXCEEDED}. */
    int maxMessagesPerSecond() default ClientLimits.MAX_MESSAGES;

    /**
     * Whether the namespace's clients are told who is online in their room, across nodes: a
     * {@code presence} message on connect and whenever a user joins or leaves.
     */
    boolean presence() default false;
}
