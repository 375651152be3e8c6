package org.appcluster.support;

/** Where the build put what the integration tests run: set by Failsafe from the POM. */
public final class TestPaths {

    private TestPaths() {
    }

    public static String buildDir() {
        return required("app.buildDir");
    }

    static String war() {
        return required("app.war");
    }

    static String payaraMicroJar() {
        return required("payara.microJar");
    }

    /** The Payara Micro settings users run with, from {@code server-config/}: before boot, then after. */
    static String preBootCommands() {
        return serverConfig() + "/payara-micro/pre-boot-commands.asadmin";
    }

    static String postBootCommands() {
        return serverConfig() + "/payara-micro/post-boot-commands.asadmin";
    }

    static String wildflyHome() {
        return required("wildfly.home");
    }

    static String serverConfig() {
        return required("app.serverConfig");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set: run the integration tests with 'mvn verify'");
        }
        return value;
    }
}
