package dev.cairn.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** S3 remote against an in-process S3Proxy with a filesystem backend on loopback. */
class S3RemoteE2EIT extends RemoteE2E {
  static final String ACCESS_KEY = "cairn-e2e-access";
  static final String SECRET_KEY = "cairn-e2e-secret-0123456789";
  static final String PLANTED = "PLANTED-s3-secret-77c1d";

  S3Proxy proxy;

  @BeforeEach
  void startServer() throws Exception {
    Path base = Files.createDirectories(tmp.resolve("s3proxy"));
    Files.createDirectories(base.resolve("bucket"));
    proxy = S3Proxy.builder()
        .blobStore(new FilesystemNio2BlobStore(base.toString()))
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(10);
    }
  }

  @AfterEach
  void stopServer() throws Exception {
    proxy.stop();
  }

  Map<String, String> config(String endpoint, String secret) {
    return Map.of("endpointurl", endpoint, "region", "us-east-1", "access_key_id", ACCESS_KEY,
        "secret_access_key", secret, "connect_timeout", "2", "read_timeout", "10");
  }

  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  @Override
  String url() {
    return "s3://bucket/cache";
  }

  @Override
  Map<String, String> goodConfig() {
    return config(endpoint(), SECRET_KEY);
  }

  @Override
  Map<String, String> wrongCredentials() {
    return config(endpoint(), PLANTED);
  }

  @Override
  String missingBucketUrl() {
    return "s3://no-such-bucket/cache";
  }

  @Override
  String unreachableUrl(int closedPort) {
    return "s3://bucket/cache";
  }

  @Override
  Map<String, String> unreachableConfig(int closedPort) {
    return config("http://127.0.0.1:" + closedPort, PLANTED);
  }

  @Override
  String plantedSecret() {
    return PLANTED;
  }
}
