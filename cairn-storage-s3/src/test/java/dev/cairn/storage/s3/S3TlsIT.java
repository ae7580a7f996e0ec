package dev.cairn.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.SelfSignedCertificate;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssl_verify} against S3Proxy serving HTTPS with a self-signed certificate. */
class S3TlsIT {
  @TempDir static Path dir;
  static S3Proxy proxy;
  static SelfSignedCertificate cert;

  @BeforeAll
  static void start() throws Exception {
    cert = SelfSignedCertificate.create(dir);
    Path base = Files.createDirectories(dir.resolve("s3").resolve("bucket")).getParent();
    proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(base.toString()))
        .secureEndpoint(URI.create("https://127.0.0.1:0"))
        .keyStore(cert.keyStore().toString(), cert.password())
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, S3ProxyFixture.ACCESS_KEY, S3ProxyFixture.SECRET_KEY)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.stop();
  }

  private static Map<String, String> props(String sslVerify) {
    Map<String, String> p = S3ProxyFixture.props("https://127.0.0.1:" + proxy.getSecurePort());
    if (sslVerify != null) {
      p.put("ssl_verify", sslVerify);
    }
    return p;
  }

  @Test
  void untrustedCertificateFailsClearlyAndIsNotRetryable() throws Exception {
    try (Storage s = Storages.open("s3://bucket/tls", props(null))) {
      assertThatThrownBy(() -> s.exists("k")).isInstanceOf(StorageException.class)
          .hasMessageContaining("TLS handshake")
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isFalse());
    }
  }

  @Test
  void sslVerifyFalseAcceptsIt() throws Exception {
    try (Storage s = Storages.open("s3://bucket/tls", props("false"))) {
      Content.put(s, "k", new byte[] {1, 2});
      assertThat(Content.get(s, "k")).containsExactly(1, 2);
    }
  }

  @Test
  void sslVerifyWithACaBundleTrustsIt() throws Exception {
    try (Storage s = Storages.open("s3://bucket/tls", props(cert.caBundle().toString()))) {
      Content.put(s, "ca", new byte[] {3});
      assertThat(Content.get(s, "ca")).containsExactly(3);
    }
  }
}
