package org.appcluster.security.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.appcluster.infra.ApiException;
import org.appcluster.infra.ApiResponses;
import org.appcluster.infra.ClientAddress;
import org.appcluster.security.control.CsrfTokens;
import org.appcluster.security.control.SignInThrottle;
import org.appcluster.security.entity.Account;
import org.appcluster.security.entity.SessionEnding;
import org.appcluster.security.entity.SignIn;

/** Sign in, sign out, and who am I. */
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
public class AuthResource {

    private static final JsonProvider JSON = JsonProvider.provider();

    @Inject
    SecurityContext security;

    @Inject
    SignInThrottle throttle;

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    ClientAddress clientAddress;

    @Inject
    Event<SessionEnding> sessionEnding;

    @Context
    HttpServletRequest request;

    @Context
    HttpServletResponse response;

    @POST
    @Path("signin")
    @Consumes(MediaType.APPLICATION_JSON)
    public JsonObject signIn(@Valid @NotNull SignIn login) throws ServletException {
        String username = login.username();
        String password = login.password();
        String address = clientAddress.of(request);
        Duration wait = throttle.waitBefore(address, username);
        if (!wait.isZero()) {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new ApiException(429, "TOO_MANY_SIGN_IN_ATTEMPTS", "Too many failed sign-ins: try again in " + seconds + " s", seconds);
        }
        // Checked before the session is touched: a wrong password leaves whoever is signed in so.
        UsernamePasswordCredential credential = new UsernamePasswordCredential(username, new Password(password));
        CredentialValidationResult checked = identityStores.validate(credential);
        if (checked.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(address, username);
            throw new ApiException(401, "INVALID_CREDENTIALS", "Unknown user or wrong password");
        }
        if (request.getUserPrincipal() != null) {
            // Signed in already (as anyone): without a logout first, the new session is not signed in.
            request.logout();
        }
        HttpSession previous = request.getSession(false);
        if (previous != null) {
            previous.invalidate(); // a fresh session id on sign-in: no session fixation
        }
        request.getSession(true); // started here, where SessionCookieFilter completes its cookie
        request.setAttribute(SessionAuthenticationMechanism.VALIDATED, checked);
        AuthenticationStatus status = security.authenticate(request, response, AuthenticationParameters.withParams()
                .credential(credential).newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            throw new ApiException(401, "INVALID_CREDENTIALS", "Unknown user or wrong password");
        }
        throttle.succeeded(address, username);
        return ApiResponses.success(me(), "Signed in");
    }

    @POST
    @Path("signout")
    public JsonObject signOut() throws ServletException {
        HttpSession ending = request.getSession(false);
        if (ending != null) {
            sessionEnding.fire(new SessionEnding(ending.getId()));
        }
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        return ApiResponses.success(JsonValue.EMPTY_JSON_OBJECT, "Signed out");
    }

    /** The caller, with the CSRF token its state-changing admin requests must send. */
    @GET
    @Path("me")
    public JsonObject whoAmI() {
        return ApiResponses.success(me(), null);
    }

    private JsonObject me() {
        if (security.getCallerPrincipal() == null) {
            return JSON.createObjectBuilder().add("signedIn", false).build();
        }
        return JSON.createObjectBuilder()
                .add("signedIn", true)
                .add("username", security.getCallerPrincipal().getName())
                .add("admin", security.isCallerInRole(Account.ADMIN))
                .add("csrfToken", CsrfTokens.forSession(request.getSession(true)))
                .build();
    }
}
