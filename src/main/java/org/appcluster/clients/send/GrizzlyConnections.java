package org.appcluster.clients.send;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.logging.Logger;

/**
 * The Grizzly connection under a Tyrus socket on Payara, reached through private members: the
 * TyrusWebSocket's protocol handler, its servlet writer, the upgrade handler's web connection, its
 * servlet output stream, the servlet and the Grizzly output buffers, and the connection that
 * buffer writes to. Writes then go through Grizzly's public API (a {@code ByteBufferWrapper}
 * around the frames, {@code Connection.write}); {@code Buffers.wrap} would look its memory
 * manager's thread cache up for each write, in a thread-local map the dispatcher thread does not
 * find it in. The members are looked up on the first socket's objects (the server's modules load
 * these classes, not the application) and kept for every later one.
 */
final class GrizzlyConnections {

    private static final Logger LOG = Logger.getLogger(GrizzlyConnections.class.getName());
    /**
     * Each step from the TyrusWebSocket down: the class that declares the member, and the field,
     * or the method ending in (). The upgrade handler is a method: Payara hands Tyrus a proxy of
     * the handler, whose own field stays empty.
     */
    private static final List<String[]> STEPS = List.of(
            new String[]{"org.glassfish.tyrus.core.TyrusWebSocket", "protocolHandler"},
            new String[]{"org.glassfish.tyrus.core.ProtocolHandler", "writer"},
            new String[]{"org.glassfish.tyrus.servlet.TyrusServletWriter", "tyrusHttpUpgradeHandler"},
            new String[]{"org.glassfish.tyrus.servlet.TyrusHttpUpgradeHandler", "getWebConnection()"},
            new String[]{"org.apache.catalina.connector.WebConnectionImpl", "outputStream"},
            new String[]{"org.apache.catalina.connector.CoyoteOutputStream", "ob"},
            new String[]{"org.apache.catalina.connector.OutputBuffer", "grizzlyOutputBuffer"},
            new String[]{"org.glassfish.grizzly.http.io.OutputBuffer", "connection"});

    private final List<Step> path;
    private final MethodHandle wrap;
    private final MethodHandle write;

    private GrizzlyConnections(List<Step> path, MethodHandle wrap, MethodHandle write) {
        this.path = path;
        this.wrap = wrap;
        this.write = write;
    }

    /**
     * Looked up on {@code webSocket}'s objects; null while one on the way is not there yet (the
     * upgrade handler learns its web connection only after the endpoint opened).
     *
     * @throws UnsupportedOperationException when the objects are not the ones expected (another
     *                                       container or version): no socket will have them
     */
    static GrizzlyConnections find(Object webSocket) {
        try {
            List<Step> path = new ArrayList<>();
            Object current = webSocket;
            for (String[] step : STEPS) {
                Step next = Step.of(declaredBy(current.getClass(), step[0]), step[1]);
                path.add(next);
                current = next.from(current);
                if (current == null) {
                    return null;
                }
            }
            ClassLoader loader = current.getClass().getClassLoader();
            Class<?> connection = Class.forName("org.glassfish.grizzly.Connection", false, loader);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            return new GrizzlyConnections(path,
                    lookup.findConstructor(Class.forName("org.glassfish.grizzly.memory.ByteBufferWrapper", false, loader),
                                    MethodType.methodType(void.class, ByteBuffer.class))
                            .asType(MethodType.methodType(Object.class, ByteBuffer.class)),
                    lookup.findVirtual(connection, "write",
                                    MethodType.methodType(Class.forName("org.glassfish.grizzly.GrizzlyFuture", false, loader), Object.class))
                            .asType(MethodType.methodType(Future.class, Object.class, Object.class)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new UnsupportedOperationException("no Grizzly connection under Tyrus sockets: " + e, e);
        }
    }

    private static Class<?> declaredBy(Class<?> type, String owner) throws ClassNotFoundException {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (current.getName().equals(owner)) {
                return current;
            }
        }
        throw new ClassNotFoundException(owner + " is not a superclass of " + type.getName());
    }

    /** A sink writing to the socket's Grizzly connection; null while it cannot be reached (see {@link #find}). */
    RawFrameSink sinkFor(Object webSocket) {
        try {
            Object connection = webSocket;
            for (Step step : path) {
                if (connection == null || !step.owner().isInstance(connection)) {
                    return null;
                }
                connection = step.from(connection);
            }
            if (connection == null) {
                return null;
            }
            Object target = connection;
            return frames -> (Future<?>) write.invokeExact(target, wrap.invokeExact(frames));
        } catch (Throwable e) {
            LOG.fine(() -> "A Tyrus socket without a reachable Grizzly connection: " + e);
            return null;
        }
    }

    /** One private field or no-argument method of {@code owner}. */
    private record Step(Class<?> owner, Field field, Method method) {

        static Step of(Class<?> owner, String member) throws NoSuchFieldException, NoSuchMethodException {
            if (member.endsWith("()")) {
                Method method = owner.getDeclaredMethod(member.substring(0, member.length() - 2));
                method.setAccessible(true);
                return new Step(owner, null, method);
            }
            Field field = owner.getDeclaredField(member);
            field.setAccessible(true);
            return new Step(owner, field, null);
        }

        Object from(Object target) throws ReflectiveOperationException {
            return field != null ? field.get(target) : method.invoke(target);
        }
    }
}
