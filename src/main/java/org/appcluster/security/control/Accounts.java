package org.appcluster.security.control;

import com.mongodb.client.MongoDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.appcluster.security.entity.Account;
import org.eclipse.microprofile.config.Config;

/**
 * The accounts that can sign in, from configuration: {@code security.users=alice,bob}, then
 * {@code security.user.alice.roles=admin,user} and {@code security.user.alice.password-hash=…}
 * (made by {@code bin/hash-password}). With no admin configured, the cluster generates one admin
 * password: the first node stores its hash in MongoDB and logs the password, once.
 */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());
    static final String GENERATED_ADMIN = "admin";

    @Inject
    Config config;

    @Inject
    MongoDatabase database;

    private final Map<String, Account> byName = new ConcurrentHashMap<>();

    @PostConstruct
    void load() {
        for (String name : list(config.getOptionalValue("security.users", String.class).orElse(""))) {
            Set<String> roles = new LinkedHashSet<>(list(config.getOptionalValue("security.user." + name + ".roles", String.class).orElse("user")));
            String hash = config.getOptionalValue("security.user." + name + ".password-hash", String.class).orElse(null);
            if (hash == null) {
                LOG.warning(() -> "security.user." + name + ".password-hash is not set: " + name + " cannot sign in");
                continue;
            }
            byName.put(name, new Account(name, Set.copyOf(roles), hash));
        }
        if (byName.values().stream().noneMatch(account -> account.roles().contains(Account.ADMIN))) {
            byName.put(GENERATED_ADMIN, new Account(GENERATED_ADMIN, Set.of(Account.ADMIN, Account.USER), generatedAdminHash()));
        }
    }

    /** Loads at start so a generated password is logged then, not at the first sign-in. */
    void onStartup(@Observes Startup startup) {
        try {
            byName.size();
        } catch (RuntimeException e) {
            LOG.warning(() -> "Accounts not loaded yet (" + e.getMessage() + "): retrying at the first sign-in");
        }
    }

    public Optional<Account> find(String username) {
        return Optional.ofNullable(byName.get(username));
    }

    /** One generated password for the whole cluster: whoever inserts first logs it. */
    private String generatedAdminHash() {
        String password = PasswordHashes.randomPassword();
        SecuritySettings.Stored hash = SecuritySettings.storeOnce(database, "generated-admin", "passwordHash",
                PasswordHashes.hash(password.toCharArray()));
        if (hash.ours()) {
            LOG.warning(() -> "No admin is configured (security.users). Generated a password for user '" + GENERATED_ADMIN
                    + "': " + password + " - it is shown this once; configure your own admin to replace it.");
        } else {
            LOG.info(() -> "No admin is configured: using the generated admin password stored by the first node");
        }
        return hash.value();
    }

    private static Set<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
