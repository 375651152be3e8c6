package org.appcluster.security.boundary;

import jakarta.ws.rs.core.SecurityContext;
import org.appcluster.infra.ApiException;

/** For resources open to anyone whose calls act as the signed-in user. */
public final class SignedIn {

    private SignedIn() {
    }

    /**
     * The caller's username.
     *
     * @param purpose what signing in allows, for the 401's message ("set a chat status")
     * @throws ApiException 401 {@code UNAUTHORIZED} when nobody is signed in
     */
    public static String username(SecurityContext security, String purpose) {
        if (security.getUserPrincipal() == null) {
            throw new ApiException(401, "UNAUTHORIZED", "Sign in to " + purpose);
        }
        return security.getUserPrincipal().getName();
    }
}
