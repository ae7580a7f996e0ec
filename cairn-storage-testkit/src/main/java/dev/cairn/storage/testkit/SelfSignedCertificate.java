package dev.cairn.storage.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away server certificate for {@code 127.0.0.1} and {@code localhost}, made with the JDK's
 * {@code keytool}, for testing TLS settings such as {@code ssl_verify}.
 *
 * @param keyStore a PKCS12 key store holding the key and certificate under alias {@code cairn}
 * @param password the key store's and the key's password
 * @param caBundle the certificate in PEM form, usable as a CA bundle
 */
public record SelfSignedCertificate(Path keyStore, String password, Path caBundle) {

  /** Creates the key store and PEM file in {@code dir}; takes a second or two. */
  public static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path ks = dir.resolve("server.p12");
    Path pem = dir.resolve("ca.pem");
    String pass = "changeit";
    run(dir, List.of(keytool.toString(), "-genkeypair", "-alias", "cairn", "-keyalg", "EC", "-groupname",
        "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-keystore", ks.toString(), "-storetype", "PKCS12", "-storepass", pass, "-keypass", pass));
    run(dir, List.of(keytool.toString(), "-exportcert", "-alias", "cairn", "-rfc", "-file", pem.toString(),
        "-keystore", ks.toString(), "-storepass", pass));
    return new SelfSignedCertificate(ks, pass, pem);
  }

  /** A server-side TLS context presenting this certificate. */
  public SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, password.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    Path log = dir.resolve("keytool.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("keytool did not finish within 60 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException("keytool failed: " + Files.readString(log));
    }
  }
}
