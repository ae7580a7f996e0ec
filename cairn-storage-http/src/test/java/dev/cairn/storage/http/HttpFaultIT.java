package dev.cairn.storage.http;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP backend behind a {@link FaultProxy}: correct bytes or a retryable error, never a partial object. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpFaultIT {
  @TempDir Path dir;

  @Test
  void errorsAndResetsGiveRetryableFailuresAndNoPartialObjects() throws Exception {
    int objects = 30;
    int failed = 0;
    try (HttpFixture server = new HttpFixture(dir);
        FaultProxy proxy = FaultProxy.http(server.address(), Faults.of(0.2, 0.15, 7));
        Storage s = Storages.open(proxy.httpUrl() + "/r", Map.of("method", "PUT"))) {
      for (int i = 0; i < objects; i++) {
        try {
          Content.put(s, Content.dvcKey(i), Content.random(i, 100_000 + i));
        } catch (StorageException e) {
          assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
          failed++;
        }
      }
      for (int i = 0; i < objects; i++) {
        try {
          assertThat(Content.get(s, Content.dvcKey(i))).isEqualTo(Content.random(i, 100_000 + i));
        } catch (ObjectNotFoundException e) {
          // its upload failed
        } catch (StorageException e) {
          assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
          failed++;
        }
      }
      assertThat(failed).as("some operations met an injected fault").isPositive();
      assertThat(proxy.injectedErrors()).isPositive();
      assertThat(proxy.injectedResets()).isPositive();
      try (Storage direct = Storages.open(server.url() + "/r", Map.of())) {
        for (int i = 0; i < objects; i++) {
          if (direct.exists(Content.dvcKey(i))) {
            assertThat(Content.get(direct, Content.dvcKey(i))).isEqualTo(Content.random(i, 100_000 + i));
          }
        }
      }
      try (Stream<Path> files = Files.walk(server.root())) {
        List<Path> leftovers = files.filter(p -> p.getFileName().toString().endsWith(".part")).toList();
        assertThat(leftovers).as("temp files of cut uploads").isEmpty();
      }
    }
  }

  @Test
  void slowServerTimesOutRetryably() throws IOException {
    try (HttpFixture server = new HttpFixture(dir);
        FaultProxy proxy = FaultProxy.http(server.address(), Faults.slow(Duration.ofMillis(1500)));
        Storage s = Storages.open(proxy.httpUrl() + "/r", Map.of("read_timeout", "0.3"))) {
      assertThatThrownBy(() -> s.open("k")).isInstanceOf(StorageException.class)
          .hasMessageContaining("Timed out")
          .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isTrue());
    }
  }

  @Test
  void resetDuringDownloadIsAnErrorNotAShortObject() throws IOException {
    try (HttpFixture server = new HttpFixture(dir);
        FaultProxy proxy = FaultProxy.http(server.address(), Faults.of(0, 1, 3))) {
      try (Storage direct = Storages.open(server.url() + "/r", Map.of())) {
        Content.put(direct, "obj", Content.random(1, 500_000));
      }
      try (Storage s = Storages.open(proxy.httpUrl() + "/r", Map.of())) {
        assertThatThrownBy(() -> Content.get(s, "obj")).isInstanceOf(StorageException.class)
            .satisfies(e -> assertThat(((StorageException) e).isRetryable()).isTrue());
      }
    }
  }
}
