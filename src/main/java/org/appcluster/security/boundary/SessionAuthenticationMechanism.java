package org.appcluster.security.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.appcluster.infra.ApiResponses;

/**
 * Sign-in through {@code POST /api/1/auth/signin}, kept in the HTTP session. A protected API call
 * without a signed-in caller gets a JSON 401; a protected page redirects to the sign-in page.
 */
@ApplicationScoped
@AutoApplySession
public class SessionAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SIGN_IN_PAGE = "/signin.jsp";
    /** Request attribute: the {@link CredentialValidationResult} of the credentials being signed in with. */
    static final String VALIDATED = SessionAuthenticationMechanism.class.getName() + ".validated";

    @Inject
    IdentityStoreHandler identityStores;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (context.getAuthParameters().getCredential() != null) {
            // AuthResource checked the password already (once: hashing is the expensive part).
            Object checked = request.getAttribute(VALIDATED);
            CredentialValidationResult result = checked instanceof CredentialValidationResult validated
                    ? validated : identityStores.validate(context.getAuthParameters().getCredential());
            // On failure the caller (AuthResource) answers with its own JSON error.
            return result.getStatus() == CredentialValidationResult.Status.VALID
                    ? context.notifyContainerAboutLogin(result)
                    : AuthenticationStatus.SEND_FAILURE;
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            if (path.startsWith("/api/")) {
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
                response.setContentType("application/json");
                response.getWriter().write(ApiResponses.error("Sign in first", "UNAUTHORIZED", path).toString());
                return AuthenticationStatus.SEND_FAILURE;
            }
            return context.redirect(request.getContextPath() + SIGN_IN_PAGE + "?next="
                    + URLEncoder.encode(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return AuthenticationStatus.SEND_FAILURE;
        }
    }
}
