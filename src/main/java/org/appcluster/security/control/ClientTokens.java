package org.appcluster.security.control;

import com.mongodb.client.MongoDatabase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Proof that a client uuid named on a REST call belongs to the caller: the node gives each socket
 * a token for its uuid (an HMAC under a key every node shares), and the page sends it back in
 * {@value #HEADER}. A uuid without its token is never honoured: nobody can have a message kept
 * from another client, or spend another client's rate limit. The key is
 * {@code security.client-token-secret}, or one the first node generates and stores in MongoDB.
 */
@ApplicationScoped
public class ClientTokens {

    public static final String HEADER = "X-Client-Token";
    private static final Logger LOG = Logger.getLogger(ClientTokens.class.getName());
    private static final String ALGORITHM = "HmacSHA256";

    @Inject
    @ConfigProperty(name = "security.client-token-secret")
    Optional<String> configuredSecret = Optional.empty();

    @Inject
    MongoDatabase database;

    private volatile SecretKeySpec key;
    private final ThreadLocal<Mac> macs = new ThreadLocal<>();

    /** The token for {@code uuid}; empty while the shared key cannot be read (MongoDB away). */
    public Optional<String> issue(String uuid) {
        Mac mac = mac();
        if (mac == null) {
            return Optional.empty();
        }
        return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(uuid.getBytes(StandardCharsets.UTF_8))));
    }

    /** {@code uuid} when {@code token} is its token; null when either is missing or they do not match. */
    public String verified(String uuid, String token) {
        if (uuid == null || token == null) {
            return null;
        }
        Optional<String> expected = issue(uuid);
        return expected.isPresent() && MessageDigest.isEqual(expected.get().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8)) ? uuid : null;
    }

    private Mac mac() {
        SecretKeySpec current = key();
        if (current == null) {
            return null;
        }
        try {
            Mac mac = macs.get();
            if (mac == null) {
                mac = Mac.getInstance(ALGORITHM);
                mac.init(current);
                macs.set(mac);
            }
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    try {
                        key = new SecretKeySpec(secret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
                    } catch (RuntimeException e) {
                        LOG.warning(() -> "Client tokens unavailable until the shared key can be read: " + e.getMessage());
                        return null;
                    }
                }
                current = key;
            }
        }
        return current;
    }

    /** One key for the cluster: whoever inserts first made it; the others read it. */
    private String secret() {
        Optional<String> configured = configuredSecret.filter(value -> !value.isBlank());
        if (configured.isPresent()) {
            return configured.get();
        }
        return SecuritySettings.storeOnce(database, "client-token-secret", "secret",
                PasswordHashes.randomPassword() + PasswordHashes.randomPassword()).value();
    }
}
