package org.appcluster.security.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordHashesTest {

    @Test
    void aHashMatchesItsPasswordOnly() {
        String hash = PasswordHashes.hash("correct horse".toCharArray());
        assertTrue(PasswordHashes.matches("correct horse".toCharArray(), hash));
        assertFalse(PasswordHashes.matches("correct horse ".toCharArray(), hash));
        assertFalse(PasswordHashes.matches("".toCharArray(), hash));
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertNotEquals(PasswordHashes.hash("same".toCharArray()), PasswordHashes.hash("same".toCharArray()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"plain", "pbkdf2-sha256:1000:xx", "md5:1:AAAA:AAAA", "pbkdf2-sha256:x:AAAA:AAAA", "pbkdf2-sha256:1000:!!:AAAA"})
    void malformedStoredHashesMatchNothing(String stored) {
        assertFalse(PasswordHashes.matches("plain".toCharArray(), stored));
    }

    @Test
    void generatedPasswordsAreLongAndDistinct() {
        String one = PasswordHashes.randomPassword();
        assertTrue(one.length() >= 24);
        assertNotEquals(one, PasswordHashes.randomPassword());
    }
}
