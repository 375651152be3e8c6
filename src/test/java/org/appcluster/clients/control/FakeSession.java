package org.appcluster.clients.control;

import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/** A WebSocket session that records what is sent to it; optionally never completes a send, or refuses it. */
final class FakeSession {

    private static int counter;

    final String id = "s" + (++counter);
    final List<String> sent = new ArrayList<>();
    final List<SendHandler> pending = new ArrayList<>();
    final List<java.nio.ByteBuffer> pings = new ArrayList<>();
    CloseReason closedWith;
    boolean stalled;
    /** Every send throws, as a container does whose own queue for the socket is full. */
    boolean refusing;

    Session session() {
        RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    if (method.getName().equals("sendText") && args.length == 2) {
                        if (refusing) {
                            throw new IllegalStateException("the socket's write queue is full");
                        }
                        sent.add((String) args[0]);
                        SendHandler handler = (SendHandler) args[1];
                        if (stalled) {
                            pending.add(handler);
                        } else {
                            handler.onResult(new SendResult());
                        }
                        return null;
                    }
                    if (method.getName().equals("sendPing")) {
                        pings.add(((java.nio.ByteBuffer) args[0]).duplicate());
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "isOpen" -> closedWith == null;
                    case "getAsyncRemote" -> async;
                    case "close" -> {
                        closedWith = args == null ? new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "") : (CloseReason) args[0];
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
