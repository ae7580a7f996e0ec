package dev.cairn.storage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.SelfSignedCertificate;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssl_verify} against an HTTPS server with a self-signed certificate. */
class HttpsIT {
  @TempDir static Path dir;
  static HttpsServer server;
  static Path caBundle;

  @BeforeAll
  static void start() throws Exception {
    SelfSignedCertificate cert = SelfSignedCertificate.create(dir);
    caBundle = cert.caBundle();
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
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
