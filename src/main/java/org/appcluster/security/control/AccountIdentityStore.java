package org.appcluster.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import org.appcluster.security.entity.Account;

/** Checks a username and password against {@link Accounts}. */
@ApplicationScoped
public class AccountIdentityStore implements IdentityStore {

    @Inject
    Accounts accounts;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return accounts.find(login.getCaller())
                .filter(account -> PasswordHashes.matches(login.getPassword().getValue(), account.passwordHash()))
                .map((Account account) -> new CredentialValidationResult(account.username(), account.roles()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
