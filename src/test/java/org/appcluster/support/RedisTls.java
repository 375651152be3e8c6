package org.appcluster.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A certificate authority made for one test run, and a server certificate it signed for
 * 127.0.0.1 and localhost: what a {@code redis-server} with TLS presents and a node trusts
 * through {@code redis.tls.ca-file}. Made with {@code openssl}.
 */
public record RedisTls(File caCertificate, File serverCertificate, File serverKey) {

    public static RedisTls create(File dir) {
        dir.mkdirs();
        RedisTls tls = new RedisTls(new File(dir, "ca.pem"), new File(dir, "server.pem"), new File(dir, "server.key"));
        File caKey = new File(dir, "ca.key");
        File request = new File(dir, "server.csr");
        File extensions = new File(dir, "server.ext");
        try {
            Files.writeString(extensions.toPath(), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        openssl(List.of("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=app-cluster test CA",
                "-keyout", caKey.getPath(), "-out", tls.caCertificate.getPath()));
        openssl(List.of("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
                "-keyout", tls.serverKey.getPath(), "-out", request.getPath()));
        openssl(List.of("x509", "-req", "-days", "2", "-in", request.getPath(), "-CA", tls.caCertificate.getPath(),
                "-CAkey", caKey.getPath(), "-CAcreateserial", "-extfile", extensions.getPath(), "-out", tls.serverCertificate.getPath()));
        return tls;
    }

    private static void openssl(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(arguments);
        String output = Processes.output(command);
        Path made = Path.of(arguments.get(arguments.size() - 1));
        if (!Files.isRegularFile(made)) {
            throw new IllegalStateException("openssl did not write " + made + ": " + output);
        }
    }
}
