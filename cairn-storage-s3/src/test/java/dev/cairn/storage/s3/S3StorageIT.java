package dev.cairn.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.storage.ChunkedInput;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.storage.SupportsListing;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.SecretCheck;
import dev.cairn.storage.testkit.StorageContractTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3StorageIT extends StorageContractTest {
  private static final AtomicInteger RUN = new AtomicInteger();
  @TempDir static Path dir;
  static S3ProxyFixture server;

  @BeforeAll
  static void start() throws Exception {
    server = new S3ProxyFixture(dir, "bucket");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Override
  protected Storage newStorage() throws IOException {
    return Storages.open("s3://bucket/run-" + RUN.incrementAndGet(), server.props());
  }

  @Test
  void storageIsFoundByScheme() {
    assertThat(storage.describe()).startsWith("s3://bucket/run-");
  }

  @Test
  void prefixIsHonouredOnTheServer() throws IOException {
    Content.put(storage, "files/md5/aa/bb", new byte[] {1});
    String prefix = storage.describe().substring("s3://bucket/".length());
    try (var client = server.client()) {
      assertThat(client.headObject(r -> r.bucket("bucket").key(prefix + "/files/md5/aa/bb")).contentLength())
          .isEqualTo(1);
    }
  }

  @Test
  void multipartUploadPublishesOnlyOnClose() throws IOException {
    S3Properties p = S3Properties.parse(URI.create("s3://bucket/mpu-" + RUN.incrementAndGet()), server.props())
        .withMultipart(5L * 1024 * 1024, 5L * 1024 * 1024);
    byte[] data = Content.random(11, 11 * 1024 * 1024 + 17);
    try (S3Storage s = new S3Storage(p)) {
      Storage.AtomicOutput out = s.create("big");
      out.write(data);
      assertThat(s.exists("big")).isFalse();
      out.close();
      assertThat(s.size("big")).isEqualTo(data.length);
      assertThat(Content.get(s, "big")).isEqualTo(data);
      Storage.AtomicOutput aborted = s.create("gone");
      aborted.write(data);
      aborted.abort();
      assertThat(s.exists("gone")).isFalse();
    }
    try (var client = server.client()) {
      assertThat(client.listMultipartUploads(r -> r.bucket("bucket")).uploads()).isEmpty();
    }
  }

  @Test
  void plainBucketsUseDirectRequestsSignedLikeRclone() throws IOException {
    try (S3Storage s = new S3Storage(S3Properties.parse(URI.create("s3://bucket/direct"), server.props()))) {
      assertThat(s.direct()).isNotNull();
      SdkHttpRequest get = s.direct().signed(SdkHttpMethod.GET, "direct/k", Map.of(), Map.of(), false, 0);
      assertThat(get.getUri().toString()).isEqualTo(server.endpoint() + "/bucket/direct/k");
      assertThat(get.firstMatchingHeader("x-amz-content-sha256"))
          .hasValue("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      SdkHttpRequest put = s.direct().signed(SdkHttpMethod.PUT, "direct/k", Map.of(),
          Map.of("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg=="), true, 0);
      assertThat(put.firstMatchingHeader("x-amz-content-sha256")).hasValue("UNSIGNED-PAYLOAD");
      assertThat(put.firstMatchingHeader("Authorization")).hasValueSatisfying(a -> assertThat(a).contains("content-md5"));
    }
    try (S3Storage s = new S3Storage(S3Properties.parse(URI.create("s3://data--x-s3/p"), server.props()))) {
      assertThat(s.direct()).as("directory buckets go through the SDK").isNull();
    }
  }

  @Test
  void bodyThatDoesNotMatchItsMd5IsRefusedAndNeverVisible() throws IOException {
    try (S3Storage s = new S3Storage(S3Properties.parse(URI.create("s3://bucket/digest"), server.props()))) {
      byte[] data = Content.random(5, 10_000);
      assertThatThrownBy(() -> s.direct().put("digest/obj", data, data.length, Map.of(), null, 0, new byte[16]))
          .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class)
          .satisfies(e -> assertThat(((software.amazon.awssdk.services.s3.model.S3Exception) e).statusCode())
              .isEqualTo(400));
      assertThat(s.exists("obj")).isFalse();
      s.direct().put("digest/obj", data, data.length, Map.of(), null, 0);
      assertThat(Content.get(s, "obj")).isEqualTo(data);
    }
  }

  @Test
  void largeObjectsAreReadAsParallelRangesInOrder() throws Exception {
    S3Properties p = S3Properties.parse(URI.create("s3://bucket/ranged-" + RUN.incrementAndGet()), server.props());
    byte[] data = Content.random(12, 5 * 1024 * 1024 + 123);
    try (S3Storage s = new S3Storage(p).withRanges(1 << 20, 1 << 20)) {
      Content.put(s, "big", data);
      assertThat(Content.get(s, "big")).isEqualTo(data);
      assertThat(s.freeRangePermits()).isEqualTo(S3Storage.RANGES_IN_FLIGHT);
      try (java.io.InputStream in = s.open("big")) {
        assertThat(in.readNBytes(1_500_000)).isEqualTo(java.util.Arrays.copyOf(data, 1_500_000));
      }
      assertThat(s.freeRangePermits()).as("a download closed early gives its permits back")
          .isEqualTo(S3Storage.RANGES_IN_FLIGHT);
      var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
      try {
        List<java.util.concurrent.Future<byte[]>> reads = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
          reads.add(pool.submit(() -> Content.get(s, "big")));
        }
        for (var f : reads) {
          assertThat(f.get()).isEqualTo(data);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(s.freeRangePermits()).isEqualTo(S3Storage.RANGES_IN_FLIGHT);
    }
  }

  /**
   * A ranged download lends its chunks (after the first response's, which it copies): together
   * with plain reads they give every byte in order; a chunk released from another thread is reused,
   * and closing with chunks still lent gives their permits back, a late release changing nothing.
   */
  @Test
  void largeObjectsLendTheirChunksAndTakeThemBack() throws Exception {
    S3Properties p = S3Properties.parse(URI.create("s3://bucket/chunked-" + RUN.incrementAndGet()), server.props());
    byte[] data = Content.random(14, 6 * 1024 * 1024 + 321);
    try (S3Storage s = new S3Storage(p).withRanges(1 << 20, 1 << 20)) {
      Content.put(s, "big", data);
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      var releaser = java.util.concurrent.Executors.newSingleThreadExecutor();
      try (java.io.InputStream in = s.open("big")) {
        ChunkedInput chunks = ChunkedInput.of(in);
        assertThat(chunks).isNotNull();
        got.write(in.readNBytes(1000));
        java.nio.ByteBuffer c;
        int direct = 0;
        while ((c = chunks.nextChunk()) != null) {
          byte[] bytes = new byte[c.remaining()];
          c.duplicate().get(bytes);
          got.write(bytes);
          direct += c.isDirect() ? 1 : 0;
          if (got.size() > 3_500_000 && got.size() < 4_500_000) {
            got.write(in.readNBytes(777)); // a plain read between chunks
          }
          java.nio.ByteBuffer lent = c;
          releaser.submit(() -> chunks.release(lent)).get();
        }
        assertThat(direct).isGreaterThanOrEqualTo(4);
      } finally {
        releaser.shutdownNow();
      }
      assertThat(got.toByteArray()).isEqualTo(data);
      assertThat(s.freeRangePermits()).isEqualTo(S3Storage.RANGES_IN_FLIGHT);

      ChunkedInput kept;
      java.nio.ByteBuffer last;
      try (java.io.InputStream in = s.open("big")) {
        kept = ChunkedInput.of(in);
        do {
          last = kept.nextChunk();
        } while (!last.isDirect());
        kept.nextChunk();
      }
      assertThat(s.freeRangePermits()).as("closing takes back the lent chunks' permits")
          .isEqualTo(S3Storage.RANGES_IN_FLIGHT);
      kept.release(last);
      assertThat(s.freeRangePermits()).isEqualTo(S3Storage.RANGES_IN_FLIGHT);
      assertThat(Content.get(s, "big")).isEqualTo(data);
    }
  }

  @Test
  void aclGoesWithSingleAndMultipartUploads() throws IOException {
    Map<String, String> props = server.props();
    props.put("acl", "public-read");
    S3Properties p = S3Properties.parse(URI.create("s3://bucket/acl-" + RUN.incrementAndGet()), props)
        .withMultipart(5L * 1024 * 1024, 5L * 1024 * 1024);
    byte[] big = Content.random(3, 6 * 1024 * 1024);
    try (S3Storage s = new S3Storage(p)) {
      Content.put(s, "small", new byte[] {1, 2});
      Content.put(s, "big", big);
      assertThat(Content.get(s, "big")).isEqualTo(big);
    }
    String prefix = p.prefix();
    try (var client = server.client()) {
      for (String k : List.of("small", "big")) {
        assertThat(client.getObjectAcl(r -> r.bucket("bucket").key(prefix + "/" + k)).grants())
            .as(k).anySatisfy(g -> assertThat(g.permissionAsString()).isEqualTo("READ"));
      }
    }
  }

  @Test
  void unknownBucketIsNamedInTheMessage() throws IOException {
    try (Storage s = Storages.open("s3://no-such-bucket/x", server.props())) {
      assertThatThrownBy(() -> Content.put(s, "k", new byte[] {1}))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("Bucket 'no-such-bucket' does not exist")
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isFalse());
      assertThatThrownBy(() -> ((SupportsListing) s).list("", k -> {}))
          .hasMessageContaining("Bucket 'no-such-bucket' does not exist");
    }
  }

  @Test
  void wrongCredentialsAreNotRetryableAndNeverQuoted() throws IOException {
    String planted = "PLANTED-secret-value-4711";
    Map<String, String> props = server.props();
    props.put("secret_access_key", planted);
    try (Storage s = Storages.open("s3://bucket/creds", props)) {
      List<Throwable> failures = SecretCheck.collect(
          () -> s.open("k"), () -> s.exists("k"), () -> Content.put(s, "k", new byte[] {1}), () -> s.delete("k"),
          () -> ((SupportsListing) s).list("", k -> {}));
      assertThat(failures).hasSize(5);
      SecretCheck.assertNoSecret(failures, planted);
      assertThat(failures.get(2)).isInstanceOf(StorageException.class).hasMessageContaining("Access denied")
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isFalse());
      assertThat(s.describe()).doesNotContain(planted);
    }
  }

  @Test
  void sessionTokenNeverAppearsInMessages() throws IOException {
    String planted = "PLANTED-token-value-4712";
    Map<String, String> props = server.props();
    props.put("session_token", planted);
    try (Storage s = Storages.open("s3://bucket/token", props)) {
      List<Throwable> failures = SecretCheck.collect(
          () -> s.open("k"), () -> Content.put(s, "k", new byte[] {1}), () -> ((SupportsListing) s).list("", k -> {}));
      assertThat(failures).isNotEmpty();
      SecretCheck.assertNoSecret(failures, planted, S3ProxyFixture.SECRET_KEY);
    }
  }

  @Test
  void unreachableHostIsRetryable() throws IOException {
    int closedPort;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (Storage s = Storages.open("s3://bucket/x", S3ProxyFixture.props("http://127.0.0.1:" + closedPort))) {
      assertThatThrownBy(() -> s.exists("k"))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("Cannot connect to http://127.0.0.1:" + closedPort)
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isTrue());
    }
  }
}
