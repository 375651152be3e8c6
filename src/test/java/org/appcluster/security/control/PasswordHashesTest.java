package org.appcluster.security.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHashesTest {

    /** The encoding Pbkdf2PasswordHash reads: algorithm, iterations, Base64 salt, Base64 derived key. */
    @Test
    void aHashIsInJakartaSecuritysEncodingAndDerivesFromItsPassword() {
        String[] parts = PasswordHashes.hash("correct horse".toCharArray()).split(":");
        assertEquals(4, parts.length);
        assertEquals("PBKDF2WithHmacSHA256", parts[0]);
        assertEquals(PasswordHashes.ITERATIONS, Integer.parseInt(parts[1]));
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        assertEquals(16, salt.length);
        assertArrayEquals(PasswordHashes.derive("correct horse".toCharArray(), salt, PasswordHashes.ITERATIONS), Base64.getDecoder().decode(parts[3]));
    }

    @Test
    void hashesFromBeforeAreReadUnderTheJakartaName() {
        assertEquals("PBKDF2WithHmacSHA256:210000:c2FsdA==:aGFzaA==", PasswordHashes.inJakartaEncoding("pbkdf2-sha256:210000:c2FsdA==:aGFzaA=="));
        assertEquals("PBKDF2WithHmacSHA256:1:a:b", PasswordHashes.inJakartaEncoding("PBKDF2WithHmacSHA256:1:a:b"));
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertNotEquals(PasswordHashes.hash("same".toCharArray()), PasswordHashes.hash("same".toCharArray()));
    }

    @Test
    void generatedPasswordsAreLongAndDistinct() {
        String one = PasswordHashes.randomPassword();
        assertTrue(one.length() >= 24);
        assertNotEquals(one, PasswordHashes.randomPassword());
    }
}
