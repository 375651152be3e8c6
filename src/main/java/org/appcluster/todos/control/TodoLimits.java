package org.appcluster.todos.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import org.appcluster.infra.ApiException;
import org.appcluster.infra.KeyedRateLimit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What one caller may do to the shared list, so that an anonymous script can neither fill
 * MongoDB nor flood every page: {@code todos.rate-limit.per-address} writes a second, and at most
 * {@code todos.max-items} stored. The count is read before each insert, so nodes creating at the
 * same moment may pass the cap by the few they insert together.
 */
@ApplicationScoped
public class TodoLimits {

    @Inject
    @ConfigProperty(name = "todos.rate-limit.per-address", defaultValue = "10")
    int writesPerSecond = 10;

    @Inject
    TodoStore store;

    private KeyedRateLimit writes;
    LongSupplier clock = System::nanoTime;

    @PostConstruct
    void configure() {
        writes = new KeyedRateLimit(writesPerSecond);
    }

    /** @throws ApiException 429 when {@code remoteAddress} wrote too often this second */
    public void countWrite(String remoteAddress) {
        if (!writes.allow(remoteAddress, clock.getAsLong())) {
            throw new ApiException(429, "RATE_LIMIT_EXCEEDED", "Too many to-do changes: at most " + writesPerSecond + " per second", 1);
        }
    }

    /** @throws ApiException 409 when the list holds {@code todos.max-items} already */
    public void requireRoom() {
        if (store.count() >= store.maxItems()) {
            throw new ApiException(409, "TODO_LIST_FULL", "The list holds " + store.maxItems() + " to-dos, the most it keeps: delete some first");
        }
    }
}
