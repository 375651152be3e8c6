package org.appcluster.todos.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.appcluster.infra.ApiException;
import org.junit.jupiter.api.Test;

class TodoLimitsTest {

    private long now = 0;
    private long stored = 0;
    private final TodoLimits limits = new TodoLimits();

    TodoLimitsTest() {
        limits.writesPerSecond = 3;
        limits.clock = () -> now;
        limits.store = new TodoStore() {
            @Override
            public long count() {
                return stored;
            }
        };
        limits.store.maxItems = 2;
        limits.configure();
    }

    @Test
    void writesPerAddressAreLimitedEachSecond() {
        for (int i = 0; i < 3; i++) {
            limits.countWrite("10.0.0.1");
        }
        ApiException refused = assertThrows(ApiException.class, () -> limits.countWrite("10.0.0.1"));
        assertEquals(429, refused.status());
        assertEquals("RATE_LIMIT_EXCEEDED", refused.code());
        assertDoesNotThrow(() -> limits.countWrite("10.0.0.2"));
        now += 1_000_000_000L;
        assertDoesNotThrow(() -> limits.countWrite("10.0.0.1"));
    }

    @Test
    void aFullListTakesNoMore() {
        stored = 1;
        assertDoesNotThrow(limits::requireRoom);
        stored = 2;
        ApiException refused = assertThrows(ApiException.class, limits::requireRoom);
        assertEquals(409, refused.status());
        assertEquals("TODO_LIST_FULL", refused.code());
    }
}
