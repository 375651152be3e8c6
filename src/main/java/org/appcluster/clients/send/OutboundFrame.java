package org.appcluster.clients.send;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One text frame for any number of sockets. A broadcast is built once per node and sent as is to
 * every recipient, so its UTF-8 bytes and its wire form (header and payload of a server frame,
 * unmasked, RFC 6455 section 5.2) are computed once too, by the first writer that needs them.
 */
public final class OutboundFrame {

    private static final int FIN_TEXT = 0x81;

    private final String text;
    private volatile byte[] payload;
    private volatile ByteBuffer wire;

    private OutboundFrame(String text) {
        this.text = text;
    }

    public static OutboundFrame of(String text) {
        return new OutboundFrame(text);
    }

    public String text() {
        return text;
    }

    /** Bytes on the wire for the slow-consumer accounting: the payload's UTF-8 length. */
    public int size() {
        return payload().length;
    }

    private byte[] payload() {
        byte[] bytes = payload;
        if (bytes == null) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            payload = bytes;
        }
        return bytes;
    }

    /** The complete frame; each caller gets its own view (not read-only: containers then copy it). */
    ByteBuffer wire() {
        ByteBuffer frame = wire;
        if (frame == null) {
            frame = encode(payload());
            wire = frame;
        }
        return frame.duplicate();
    }

    private static ByteBuffer encode(byte[] payload) {
        int length = payload.length;
        int header = length < 126 ? 2 : length <= 0xFFFF ? 4 : 10;
        ByteBuffer frame = ByteBuffer.allocate(header + length);
        frame.put((byte) FIN_TEXT);
        if (length < 126) {
            frame.put((byte) length);
        } else if (length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) length);
        } else {
            frame.put((byte) 127).putLong(length);
        }
        return frame.put(payload).flip();
    }

    @Override
    public String toString() {
        return text;
    }
}
