package org.appcluster.clients.send;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutboundFrameTest {

    /** Reads a server frame as a client would (RFC 6455 section 5.2): final text frame, unmasked. */
    private static String decode(ByteBuffer frame) {
        assertEquals((byte) 0x81, frame.get(), "FIN and the text opcode");
        int length = frame.get();
        assertEquals(0, length & 0x80, "a server frame is not masked");
        long size = length == 126 ? Short.toUnsignedInt(frame.getShort()) : length == 127 ? frame.getLong() : length;
        assertEquals(size, frame.remaining(), "the header's length is the payload's");
        byte[] payload = new byte[frame.remaining()];
        frame.get(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Test
    void encodesEachLengthFormOfTheHeader() {
        for (int length : new int[] {0, 125, 126, 65_535, 65_536, 200_000}) {
            String text = "x".repeat(length);
            assertEquals(text, decode(OutboundFrame.of(text).wire()), "payload of " + length + " bytes");
        }
    }

    @Test
    void countsUtf8BytesAndGivesEachCallerItsOwnView() {
        OutboundFrame frame = OutboundFrame.of("{\"t\":\"Grüße ✓\"}");
        assertEquals(frame.text().getBytes(StandardCharsets.UTF_8).length, frame.size());
        ByteBuffer first = frame.wire();
        assertEquals(frame.text(), decode(first));
        assertEquals(frame.text(), decode(frame.wire()), "reading one view leaves the next whole");
    }
}
