package org.appcluster.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private static ApiException refusal(String body) {
        return assertThrows(ApiException.class, () -> JsonBodies.readObject(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 999, 2_000, 20_000})
    void aDeeplyNestedBodyIsA400NotAServerError(int depth) {
        ApiException refused = refusal("{\"data\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
        assertEquals(400, refused.status());
        assertEquals("INVALID_JSON", refused.code());
    }

    @Test
    void nestingUpToTheLimitAndBracketsInStringsAreFine() {
        String deep = "[".repeat(JsonNesting.MAX_DEPTH - 1) + "]".repeat(JsonNesting.MAX_DEPTH - 1);
        assertTrue(JsonBodies.readObject(new ByteArrayInputStream(("{\"data\":" + deep + "}").getBytes(StandardCharsets.UTF_8))).containsKey("data"));
        assertFalse(JsonNesting.tooDeep("{\"s\":\"" + "[{".repeat(500) + "\\\"\"}"));
    }

    @Test
    void anOversizedBodyIsA413() {
        assertEquals(413, refusal("{\"s\":\"" + "x".repeat(JsonBodies.MAX_BODY_BYTES) + "\"}").status());
    }
}
