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
}
