/**
 * Who may do what: users, roles ({@code admin}, {@code user}) and password hashes from
 * configuration, checked by a portable Jakarta Security mechanism. API callers get JSON 401/403,
 * pages get the sign-in page. Without a configured admin the cluster generates one password, once.
 */
package org.appcluster.security;
