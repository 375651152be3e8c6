package org.appcluster.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.appcluster.security.entity.Account;
import org.junit.jupiter.api.Test;

class AccountIdentityStoreTest {

    /** Records what it was asked to verify; the hashing itself is Jakarta Security's. */
    private static final class RecordingHash implements Pbkdf2PasswordHash {
        final List<String> verified = new ArrayList<>();

        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            return "";
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            verified.add(hashedPassword);
            return "pw".equals(new String(password)) && hashedPassword.endsWith(":right");
        }
    }

    private final RecordingHash hash = new RecordingHash();
    private final AccountIdentityStore store = new AccountIdentityStore();

    AccountIdentityStoreTest() {
        store.accounts = new Accounts() {
            @Override
            public Optional<Account> find(String username) {
                return "ann".equals(username) ? Optional.of(new Account("ann", Set.of("user"), "pbkdf2-sha256:1:s:right")) : Optional.empty();
            }
        };
        store.passwordHash = hash;
        store.configure();
    }

    @Test
    void anUnknownUserCostsAHashLikeAKnownOne() {
        assertEquals(CredentialValidationResult.Status.INVALID, store.validate(new UsernamePasswordCredential("nobody", "pw")).getStatus());
        assertEquals(1, hash.verified.size(), "an unknown name is hashed too");
        assertEquals(CredentialValidationResult.Status.INVALID, store.validate(new UsernamePasswordCredential("ann", "pw-wrong")).getStatus());
        assertEquals(2, hash.verified.size());
    }

    @Test
    void aKnownUserWithTheRightPasswordIsValidAndOldHashesAreReadInTheJakartaEncoding() {
        CredentialValidationResult result = store.validate(new UsernamePasswordCredential("ann", "pw"));
        assertEquals(CredentialValidationResult.Status.VALID, result.getStatus());
        assertEquals("PBKDF2WithHmacSHA256:1:s:right", hash.verified.get(0));
    }
}
