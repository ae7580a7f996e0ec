package dev.cairn.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.FaultProxy;
import dev.cairn.storage.testkit.Faults;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The S3 backend behind a {@link FaultProxy}: correct bytes or a retryable error, never a partial object. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class S3FaultIT {
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

  private static InetSocketAddress upstream() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
  }

  @Test
  void errorsAndResetsNeverPublishPartialObjects() throws Exception {
    int objects = 15;
    int failures = 0;
    try (FaultProxy proxy = FaultProxy.http(upstream(), Faults.of(0.2, 0.1, 20261128));
        Storage s = Storages.open("s3://bucket/faulty", S3ProxyFixture.props(proxy.httpUrl()))) {
      for (int i = 0; i < objects; i++) {
        try {
          Content.put(s, Content.dvcKey(i), Content.random(i, 300_000 + i));
        } catch (StorageException e) {
          assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
          failures++;
        }
      }
      for (int i = 0; i < objects; i++) {
        try {
          assertThat(Content.get(s, Content.dvcKey(i))).isEqualTo(Content.random(i, 300_000 + i));
        } catch (ObjectNotFoundException e) {
          // its upload failed above
        } catch (StorageException e) {
          assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
          failures++;
        }
      }
      assertThat(proxy.injectedErrors() + proxy.injectedResets()).isPositive();
    }
    try (Storage direct = Storages.open("s3://bucket/faulty", server.props())) {
      for (int i = 0; i < objects; i++) {
        if (direct.exists(Content.dvcKey(i))) {
          assertThat(Content.get(direct, Content.dvcKey(i))).isEqualTo(Content.random(i, 300_000 + i));
        }
      }
    }
    assertThat(failures).as("operations that failed even after the SDK's retries").isLessThan(2 * objects);
  }

  @Test
  void rangedDownloadsGiveTheRightBytesOrARetryableError() throws Exception {
    byte[] data = Content.random(41, 4 * 1024 * 1024 + 7);
    try (Storage direct = Storages.open("s3://bucket/ranged", server.props())) {
      Content.put(direct, "obj", data);
    }
    int ok = 0;
    try (FaultProxy proxy = FaultProxy.http(upstream(), Faults.of(0.04, 0.04, 20261129));
        S3Storage s = new S3Storage(S3Properties.parse(java.net.URI.create("s3://bucket/ranged"),
            S3ProxyFixture.props(proxy.httpUrl()))).withRanges(512 * 1024, 512 * 1024)) {
      for (int i = 0; i < 12; i++) {
        try {
          assertThat(Content.get(s, "obj")).isEqualTo(data);
          ok++;
        } catch (StorageException e) {
          assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
        }
      }
      assertThat(s.freeRangePermits()).isEqualTo(S3Storage.RANGES_IN_FLIGHT);
      assertThat(proxy.injectedErrors() + proxy.injectedResets()).isPositive();
    }
    assertThat(ok).as("downloads that went through").isPositive();
  }

  @Test
  void serverErrorsOnEveryRequestAreRetryable() throws Exception {
    try (FaultProxy proxy = FaultProxy.http(upstream(), Faults.of(1, 0, 1));
        Storage s = Storages.open("s3://bucket/down", S3ProxyFixture.props(proxy.httpUrl()))) {
      assertThatThrownBy(() -> Content.put(s, "k", new byte[] {1}))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("(503")
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isTrue());
      assertThatThrownBy(() -> s.open("k")).isInstanceOf(StorageException.class)
          .isNotInstanceOf(ObjectNotFoundException.class);
    }
    try (Storage direct = Storages.open("s3://bucket/down", server.props())) {
      assertThat(direct.exists("k")).isFalse();
    }
  }

  @Test
  void slowServerTimesOutRetryably() throws Exception {
    try (FaultProxy proxy = FaultProxy.http(upstream(), Faults.slow(Duration.ofMillis(1500)))) {
      Map<String, String> props = S3ProxyFixture.props(proxy.httpUrl());
      props.put("read_timeout", "0.3");
      try (Storage s = Storages.open("s3://bucket/slow", props)) {
        assertThatThrownBy(() -> s.exists("k"))
            .isInstanceOf(StorageException.class)
            .hasMessageContaining("Timed out")
            .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isTrue());
      }
    }
  }

  @Test
  void resetDuringDownloadIsAnErrorNotAShortObject() throws IOException {
    byte[] data = Content.random(99, 600_000);
    try (Storage direct = Storages.open("s3://bucket/reset", server.props())) {
      Content.put(direct, "obj", data);
    }
    try (FaultProxy proxy = FaultProxy.http(upstream(), Faults.of(0, 1, 5));
        Storage s = Storages.open("s3://bucket/reset", S3ProxyFixture.props(proxy.httpUrl()))) {
      assertThatThrownBy(() -> Content.get(s, "obj"))
          .isInstanceOf(StorageException.class)
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isTrue());
    }
  }
}
