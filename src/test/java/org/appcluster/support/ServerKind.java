package org.appcluster.support;

import java.util.Locale;

/** Which application server the integration tests run the WAR on. */
public enum ServerKind {
    PAYARA_MICRO, WILDFLY;

    public static ServerKind current() {
        return "wildfly".equals(System.getProperty("it.server", "payara").toLowerCase(Locale.ROOT)) ? WILDFLY : PAYARA_MICRO;
    }
}
