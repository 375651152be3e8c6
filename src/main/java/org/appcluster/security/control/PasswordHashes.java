package org.appcluster.security.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in the encoding of Jakarta Security's {@code Pbkdf2PasswordHash}
 * ({@code PBKDF2WithHmacSHA256:<iterations>:<salt>:<hash>}, Base64), which verifies them on every
 * server. They are made here with the JDK alone, so that {@code bin/hash-password} ({@link #main})
 * needs no server; hashes from before, {@code pbkdf2-sha256:…}, are the same numbers under an
 * older name.
 */
public final class PasswordHashes {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    private static final String LEGACY_PREFIX = "pbkdf2-sha256:";
    static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {
    }

    public static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return ALGORITHM + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(derive(password, salt, ITERATIONS));
    }

    /** A stored hash in the encoding {@code Pbkdf2PasswordHash.verify} reads (older ones renamed). */
    static String inJakartaEncoding(String stored) {
        return stored != null && stored.startsWith(LEGACY_PREFIX) ? ALGORITHM + ":" + stored.substring(LEGACY_PREFIX.length()) : stored;
    }

    public static String randomPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        }
    }

    /** Prints the hash of the password given as argument, or read from standard input. */
    public static void main(String[] args) throws java.io.IOException {
        String password = args.length > 0 ? args[0]
                : new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.println(hash(password.toCharArray()));
    }
}
