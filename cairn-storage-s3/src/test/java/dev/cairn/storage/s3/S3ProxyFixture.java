package dev.cairn.storage.s3;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** An in-process S3Proxy on a free loopback port, storing buckets in a directory. */
final class S3ProxyFixture implements AutoCloseable {
  static final String ACCESS_KEY = "cairn-test-access";
  static final String SECRET_KEY = "cairn-test-secret-0123456789";

  private final S3Proxy proxy;
  private final URI endpoint;

  S3ProxyFixture(Path dir, String... buckets) throws Exception {
    Path base = Files.createDirectories(dir.resolve("s3proxy"));
    for (String b : buckets) {
      Files.createDirectories(base.resolve(b));
    }
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
    endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  URI endpoint() {
    return endpoint;
  }

  int port() {
    return proxy.getPort();
  }

  /** DVC-style remote keys for this server. */
  Map<String, String> props() {
    return props(endpoint.toString());
  }

  static Map<String, String> props(String endpointUrl) {
    Map<String, String> m = new HashMap<>();
    m.put("endpointurl", endpointUrl);
    m.put("region", "us-east-1");
    m.put("access_key_id", ACCESS_KEY);
    m.put("secret_access_key", SECRET_KEY);
    m.put("connect_timeout", "2");
    m.put("read_timeout", "10");
    return m;
  }

  /** A plain SDK client for setting up and inspecting buckets behind the storage's back. */
  S3Client client() {
    return S3Client.builder()
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
  }
}
