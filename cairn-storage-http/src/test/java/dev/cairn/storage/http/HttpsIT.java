package dev.cairn.storage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.storage.testkit.Content;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssl_verify} against an HTTPS server with a self-signed certificate made by keytool. */
class HttpsIT {
  private static final char[] PASS = "changeit".toCharArray();
  @TempDir static Path dir;
  static HttpsServer server;
  static Path caBundle;

  @BeforeAll
  static void start() throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Path ks = dir.resolve("server.p12");
    caBundle = dir.resolve("ca.pem");
    run(List.of(keytool.toString(), "-genkeypair", "-alias", "cairn", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore",
        ks.toString(), "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit"));
    run(List.of(keytool.toString(), "-exportcert", "-alias", "cairn", "-rfc", "-file", caBundle.toString(),
        "-keystore", ks.toString(), "-storepass", "changeit"));
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, PASS);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, PASS);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ctx));
    server.createContext("/", ex -> {
      try (ex) {
        byte[] body = "secure\n".getBytes(StandardCharsets.UTF_8);
        if (ex.getRequestURI().getPath().equals("/r/k")) {
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
        } else {
          ex.sendResponseHeaders(404, -1);
        }
      }
    });
    server.start();
  }

  private static void run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile())
        .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  private static String url() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/r";
  }

  @Test
  void untrustedCertificateFailsClearlyAndIsNotRetryable() throws Exception {
    try (Storage s = Storages.open(url(), Map.of())) {
      assertThatThrownBy(() -> s.exists("k")).isInstanceOf(StorageException.class)
          .hasMessageContaining("TLS handshake with " + url() + " failed")
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isFalse());
    }
  }

  @Test
  void sslVerifyFalseAcceptsIt() throws Exception {
    try (Storage s = Storages.open(url(), Map.of("ssl_verify", "false"))) {
      assertThat(Content.get(s, "k")).asString(StandardCharsets.UTF_8).isEqualTo("secure\n");
    }
  }

  @Test
  void sslVerifyWithACaBundleTrustsIt() throws Exception {
    try (Storage s = Storages.open(url(), Map.of("ssl_verify", caBundle.toString()))) {
      assertThat(Content.get(s, "k")).asString(StandardCharsets.UTF_8).isEqualTo("secure\n");
      assertThat(s.exists("missing")).isFalse();
    }
  }
}
