package org.appcluster.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.appcluster.support.Http;
import org.appcluster.support.LocalCluster;
import org.appcluster.support.Session;
import org.appcluster.support.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Who may use the admin API and console; every check here fails without its protection. */
@ExtendWith(LocalCluster.Extension.class)
class SecurityIT {

    private static final String NOTIFY = "/api/1/admin/broadcast-notification";
    private static final String NOTICE = "{\"message\":\"Security test notice\",\"level\":\"info\"}";

    @Test
    void anonymousCallersGetA401JsonFromTheAdminApi(LocalCluster cluster) {
        Http.Response response = Http.postJson(cluster.a().uri(NOTIFY), NOTICE);
        assertError(response, 401, "UNAUTHORIZED");
    }

    @Test
    void aUserWithoutTheAdminRoleGetsA403Json(LocalCluster cluster) {
        Session viewer = Session.signIn(cluster.a(), LocalCluster.USER, LocalCluster.USER_PASSWORD);
        assertTrue(viewer.signedIn());
        assertError(viewer.post(NOTIFY, NOTICE), 403, "FORBIDDEN");
        assertFalse(viewer.get("/api/1/auth/me").body().getJsonObject("data").getBoolean("admin"));
    }

    @Test
    void aWrongPasswordIsRefusedWithA401Json(LocalCluster cluster) {
        Session attempt = Session.signIn(cluster.a(), LocalCluster.ADMIN, "not-the-password");
        assertFalse(attempt.signedIn());
        assertError(attempt.post(NOTIFY, NOTICE), 401, "UNAUTHORIZED");
    }

    @Test
    void aWrongPasswordLeavesWhoeverWasSignedInSignedIn(LocalCluster cluster) {
        Session admin = cluster.signInAsAdmin(cluster.a());
        assertError(admin.attemptSignIn(LocalCluster.ADMIN, "not-the-password"), 401, "INVALID_CREDENTIALS");
        assertTrue(admin.get("/api/1/auth/me").body().getJsonObject("data").getBoolean("admin"));
        assertEquals(200, admin.post(NOTIFY, NOTICE).status(), "its CSRF token still works too");
    }

    @Test
    void hashesFromBeforeJakartaSecuritysEncodingStillSignIn(LocalCluster cluster) {
        assertTrue(Session.signIn(cluster.b(), LocalCluster.LEGACY_USER, LocalCluster.LEGACY_PASSWORD).signedIn());
    }

    @Test
    void aCrossSiteFormCannotPostJsonAsPlainText(LocalCluster cluster) throws Exception {
        for (String path : new String[] {"/api/1/auth/signin", "/api/1/app-cluster/broadcast/view:formTest:a:b", "/api/1/helloClusterTodo"}) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(cluster.a().uri(path))
                    .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"username\":\"" + LocalCluster.ADMIN + "\",\"password\":\"x\",\"data\":{},\"title\":\"t\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(415, response.statusCode(), path + ": " + response.body());
            assertTrue(response.body().contains("\"code\":\"UNSUPPORTED_MEDIA_TYPE\""), response.body());
        }
    }

    @Test
    void failedSignInsBackOff(LocalCluster cluster) {
        String probed = "probe-" + java.util.UUID.randomUUID();
        Session attacker = Session.signIn(cluster.a(), probed, "guess");
        Http.Response last = null;
        for (int i = 0; i < 10 && (last == null || last.status() != 429); i++) {
            last = attacker.attemptSignIn(probed, "guess-" + i);
        }
        assertError(last, 429, "TOO_MANY_SIGN_IN_ATTEMPTS");
        long retryAfter = Long.parseLong(last.header("Retry-After"));
        assertTrue(retryAfter >= 1, last.header("Retry-After"));
        // From this address even the right password waits; once the wait is over it works (and
        // the success clears this address, which the other tests share).
        assertEquals(429, attacker.attemptSignIn(LocalCluster.ADMIN, LocalCluster.ADMIN_PASSWORD).status());
        Waits.until("the back-off to pass", java.time.Duration.ofSeconds(retryAfter + 10),
                () -> Session.signIn(cluster.a(), LocalCluster.ADMIN, LocalCluster.ADMIN_PASSWORD).signedIn());
    }

    @Test
    void adminWritesNeedTheSessionsCsrfToken(LocalCluster cluster) {
        Session admin = cluster.signInAsAdmin(cluster.b());
        assertError(admin.postWithoutCsrfToken(NOTIFY, NOTICE), 403, "CSRF_TOKEN_INVALID");
        assertEquals(200, admin.post(NOTIFY, NOTICE).status());
    }

    @Test
    void theSignInSurvivesOnlyUntilSignOut(LocalCluster cluster) {
        Session admin = cluster.signInAsAdmin(cluster.a());
        assertEquals(200, admin.get("/admin/").status());
        assertEquals(200, admin.post("/api/1/auth/signout", null).status());
        assertError(admin.post(NOTIFY, NOTICE), 401, "UNAUTHORIZED");
    }

    @Test
    void theConsoleRedirectsAnonymousVisitorsToTheSignInPage(LocalCluster cluster) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(cluster.a().uri("/admin/")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, response.statusCode());
        URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
        assertEquals("/signin.jsp", location.getPath());
        assertEquals("next=%2Fadmin%2F", location.getRawQuery());
    }

    private static void assertError(Http.Response response, int status, String code) {
        assertEquals(status, response.status(), response.text());
        assertTrue(response.contentType().startsWith("application/json"), response.contentType());
        assertEquals(code, response.body().getString("code"), response.text());
    }

    @Test
    void signingInAgainWhileSignedInLeavesTheNewSessionSignedIn(LocalCluster cluster) {
        Session session = Session.signIn(cluster.a(), LocalCluster.USER, LocalCluster.USER_PASSWORD);
        assertEquals(LocalCluster.USER, session.get("/api/1/auth/me").body().getJsonObject("data").getString("username"));
        assertEquals(200, session.attemptSignIn(LocalCluster.USER, LocalCluster.USER_PASSWORD).status());
        assertEquals(LocalCluster.USER, session.get("/api/1/auth/me").body().getJsonObject("data").getString("username", "signed out"),
                "signed in again as the same user");
        assertEquals(200, session.attemptSignIn(LocalCluster.ADMIN, LocalCluster.ADMIN_PASSWORD).status());
        assertEquals(LocalCluster.ADMIN, session.get("/api/1/auth/me").body().getJsonObject("data").getString("username", "signed out"),
                "signed in as another user over the first");
        assertEquals(200, session.get("/api/1/admin/cluster").status());
    }
}
