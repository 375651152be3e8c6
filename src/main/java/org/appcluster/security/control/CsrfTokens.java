package org.appcluster.security.control;

import jakarta.servlet.http.HttpSession;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * One random token per signed-in session, which state-changing admin requests must echo in the
 * {@code X-CSRF-Token} header: another site can make a browser send the session cookie, but it
 * cannot read the token.
 */
public final class CsrfTokens {

    public static final String HEADER = "X-CSRF-Token";
    private static final String ATTRIBUTE = CsrfTokens.class.getName();

    private CsrfTokens() {
    }

    public static String forSession(HttpSession session) {
        Object token = session.getAttribute(ATTRIBUTE);
        if (token == null) {
            token = PasswordHashes.randomPassword();
            session.setAttribute(ATTRIBUTE, token);
        }
        return (String) token;
    }

    public static boolean matches(HttpSession session, String presented) {
        Object expected = session == null ? null : session.getAttribute(ATTRIBUTE);
        return expected != null && presented != null
                && MessageDigest.isEqual(((String) expected).getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
