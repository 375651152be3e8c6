package org.appcluster.clients.boundary;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Lets Undertow (WildFly) forget a WebSocket's handshake once the socket is open. Undertow keeps
 * the upgrade listener in the HTTP connection for the connection's whole life, and the listener
 * holds the handshake's servlet request and response, their headers, attributes and security
 * context: 3.9 KB of every idle socket's heap. The listener is wanted once, when the 101 has been
 * written; a stand-in that calls it and then empties the connection's field lets it all go. The
 * members are private, so they are looked up on the first handshake's objects.
 */
final class UndertowHandshakes {

    private static final String REQUEST = "io.undertow.servlet.spec.HttpServletRequestImpl";
    private static final String CONNECTION = "io.undertow.server.protocol.http.HttpServerConnection";
    private static final String LISTENER = "io.undertow.server.HttpUpgradeListener";

    private final Class<?> requestType;
    private final Method exchangeOfRequest;
    private final Method connectionOfExchange;
    private final Class<?> connectionType;
    private final Field upgradeListener;
    private final Class<?> listenerType;

    private UndertowHandshakes(Class<?> requestType, Method exchangeOfRequest, Method connectionOfExchange,
                               Class<?> connectionType, Field upgradeListener, Class<?> listenerType) {
        this.requestType = requestType;
        this.exchangeOfRequest = exchangeOfRequest;
        this.connectionOfExchange = connectionOfExchange;
        this.connectionType = connectionType;
        this.upgradeListener = upgradeListener;
        this.listenerType = listenerType;
    }

    /**
     * Looked up on {@code request}'s classes.
     *
     * @throws UnsupportedOperationException when the request is not Undertow's, or its members are
     *                                       not the ones expected (another version)
     */
    static UndertowHandshakes find(ServletRequest request) {
        ServletRequest servletRequest = unwrap(request);
        if (!servletRequest.getClass().getName().equals(REQUEST)) {
            throw new UnsupportedOperationException("not an Undertow request: " + servletRequest.getClass().getName());
        }
        try {
            ClassLoader loader = servletRequest.getClass().getClassLoader();
            Method exchange = servletRequest.getClass().getMethod("getExchange");
            Method connection = exchange.getReturnType().getMethod("getConnection");
            Class<?> connectionType = Class.forName(CONNECTION, false, loader);
            Field listener = connectionType.getDeclaredField("upgradeListener");
            listener.setAccessible(true);
            return new UndertowHandshakes(servletRequest.getClass(), exchange, connection, connectionType, listener,
                    Class.forName(LISTENER, false, loader));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnsupportedOperationException("Undertow's upgrade listener cannot be reached: " + e, e);
        }
    }

    /**
     * After a 101 answer to {@code request}: the connection calls its upgrade listener once, then
     * lets go of it. A request on another kind of connection (HTTP/2, AJP) is left alone.
     */
    void releaseAfterUpgrade(ServletRequest request) throws ReflectiveOperationException {
        ServletRequest servletRequest = unwrap(request);
        if (!requestType.isInstance(servletRequest)) {
            return;
        }
        Object connection = connectionOfExchange.invoke(exchangeOfRequest.invoke(servletRequest));
        if (!connectionType.isInstance(connection)) {
            return;
        }
        Object listener = upgradeListener.get(connection);
        if (listener == null) {
            return;
        }
        upgradeListener.set(connection, Proxy.newProxyInstance(listenerType.getClassLoader(), new Class<?>[]{listenerType},
                new CallOnce(upgradeListener, listener, connection)));
    }

    private static ServletRequest unwrap(ServletRequest request) {
        ServletRequest current = request;
        while (current instanceof ServletRequestWrapper wrapper) {
            current = wrapper.getRequest();
        }
        return current;
    }

    /** Stands in for the connection's listener: passes the upgrade on, then empties the field. */
    private record CallOnce(Field field, Object listener, Object connection) implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "released " + listener;
                };
            }
            try {
                return method.invoke(listener, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                if (field.get(connection) == proxy) {
                    field.set(connection, null);
                }
            }
        }
    }
}
