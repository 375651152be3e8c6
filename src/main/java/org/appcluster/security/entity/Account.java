package org.appcluster.security.entity;

import java.util.Set;

/** A user who can sign in: a name, the roles granted, and the stored password hash. */
public record Account(String username, Set<String> roles, String passwordHash) {

    public static final String ADMIN = "admin";
    public static final String USER = "user";
}
