package org.appcluster.broadcast.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.function.LongSupplier;
import org.appcluster.infra.KeyedRateLimit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * REST publishing limits: per browser (its uuid, when its token proves it) and, so that rotating
 * uuids does not help, a higher one per client address (behind a trusted proxy, the address it
 * forwards: {@code ClientAddress}).
 */
@ApplicationScoped
public class PublishRateLimiter {

    public static final int PER_CLIENT_PER_SECOND = 20;
    public static final int PER_ADDRESS_PER_SECOND = 200;

    @Inject
    @ConfigProperty(name = "publish.rate-limit.per-client", defaultValue = "" + PER_CLIENT_PER_SECOND)
    int configuredPerClient;

    @Inject
    @ConfigProperty(name = "publish.rate-limit.per-address", defaultValue = "" + PER_ADDRESS_PER_SECOND)
    int configuredPerAddress;

    private KeyedRateLimit perClient = new KeyedRateLimit(PER_CLIENT_PER_SECOND);
    private KeyedRateLimit perAddress = new KeyedRateLimit(PER_ADDRESS_PER_SECOND);
    LongSupplier clock = System::nanoTime;

    @PostConstruct
    void configure() {
        perClient = new KeyedRateLimit(configuredPerClient);
        perAddress = new KeyedRateLimit(configuredPerAddress);
    }

    public boolean allow(String remoteAddress, String clientUuid) {
        long now = clock.getAsLong();
        boolean addressAllowed = perAddress.allow(remoteAddress, now);
        boolean clientAllowed = clientUuid == null || perClient.allow(clientUuid, now);
        return addressAllowed && clientAllowed;
    }
}
