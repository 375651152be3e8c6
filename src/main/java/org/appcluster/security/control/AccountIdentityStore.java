package org.appcluster.security.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;
import java.util.Optional;
import org.appcluster.security.entity.Account;

/**
 * Checks a username and password against {@link Accounts} with Jakarta Security's
 * {@link Pbkdf2PasswordHash}. An unknown user costs the same hashing as a known one, so the time
 * of an answer does not tell which names exist.
 */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    Accounts accounts;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    private String unknownUserHash;

    @PostConstruct
    void configure() {
        passwordHash.initialize(Map.of("Pbkdf2PasswordHash.Algorithm", PasswordHashes.ALGORITHM,
                "Pbkdf2PasswordHash.Iterations", String.valueOf(PasswordHashes.ITERATIONS)));
        unknownUserHash = PasswordHashes.hash(PasswordHashes.randomPassword().toCharArray());
    }

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<Account> account = accounts.find(login.getCaller());
        boolean matches = verify(login.getPassword().getValue(), account.map(Account::passwordHash).orElse(unknownUserHash));
        return account.filter(known -> matches)
                .map(known -> new CredentialValidationResult(known.username(), known.roles()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    /** A malformed stored hash matches nothing. */
    private boolean verify(char[] password, String stored) {
        try {
            return passwordHash.verify(password, PasswordHashes.inJakartaEncoding(stored));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
