package org.appcluster.clients.send;

import java.nio.ByteBuffer;
import java.util.concurrent.Future;

/**
 * Where one socket's frames go once framed: below the WebSocket API, so one call writes a batch.
 * The future completes when the bytes are on the network; the container queues what the socket
 * cannot take yet, in order.
 */
@FunctionalInterface
interface RawFrameSink {

    /**
     * @throws IllegalStateException when the socket is closed
     * @throws Throwable             when the path itself failed (a container it does not fit)
     */
    Future<?> write(ByteBuffer frames) throws Throwable;
}
