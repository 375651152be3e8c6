package org.appcluster.security.control;

import com.mongodb.client.MongoDatabase;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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

    private static final Duration RETRY = Duration.ofSeconds(5);

    @Inject
    Config config;

    @Inject
    MongoDatabase database;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, Account> byName = new ConcurrentHashMap<>();
    private boolean adminGenerated;
    /** Made or read once MongoDB answers; null until then. */
    private volatile Account generatedAdmin;
    private volatile ScheduledFuture<?> retry;

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
        adminGenerated = byName.values().stream().noneMatch(account -> account.roles().contains(Account.ADMIN));
    }

    /**
     * Makes or reads the generated admin password at start, so it is logged then. A MongoDB that
     * is away must not fail the deployment: the node retries until it answers (the node is not
     * ready meanwhile, and signing in as the generated admin answers 503).
     */
    void onStartup(@Observes Startup startup) {
        if (adminGenerated && !generateAdmin()) {
            retry = scheduler.scheduleWithFixedDelay(this::retryGeneratedAdmin, RETRY.toMillis(), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retryGeneratedAdmin() {
        if (generateAdmin()) {
            retry.cancel(false);
        }
    }

    private boolean generateAdmin() {
        try {
            generatedAdmin();
            return true;
        } catch (RuntimeException e) {
            if (retry == null) {
                LOG.warning(() -> "No admin is configured and MongoDB does not answer (" + e.getMessage()
                        + "): the generated admin password is made or read once it does; retrying every " + RETRY.toSeconds() + " s");
            }
            return false;
        }
    }

    @PreDestroy
    void stop() {
        ScheduledFuture<?> pending = retry;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /** @throws com.mongodb.MongoException for the generated admin while MongoDB does not answer */
    public Optional<Account> find(String username) {
        Account configured = byName.get(username);
        if (configured == null && adminGenerated && GENERATED_ADMIN.equals(username)) {
            return Optional.of(generatedAdmin());
        }
        return Optional.ofNullable(configured);
    }

    private Account generatedAdmin() {
        Account admin = generatedAdmin;
        if (admin == null) {
            synchronized (this) {
                if (generatedAdmin == null) {
                    generatedAdmin = new Account(GENERATED_ADMIN, Set.of(Account.ADMIN, Account.USER), generatedAdminHash());
                }
                admin = generatedAdmin;
            }
        }
        return admin;
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
