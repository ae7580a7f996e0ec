package dev.cairn.storage.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.storage.Storage;
import dev.cairn.storage.Storages;
import dev.cairn.storage.SupportsListing;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.StorageContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract suite over HTTP with DVC's default upload method, POST. */
class HttpStorageIT extends StorageContractTest {
  private static final AtomicInteger RUN = new AtomicInteger();
  @TempDir static Path dir;
  static HttpFixture server;

  @BeforeAll
  static void start() throws IOException {
    server = new HttpFixture(dir.resolve("www"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Override
  protected Storage newStorage() throws IOException {
    return Storages.open(server.url() + "/remote/run-" + RUN.incrementAndGet(), Map.of());
  }

  @Test
  void cannotList() {
    assertThat(storage).isNotInstanceOf(SupportsListing.class);
  }

  @Test
  void objectsLandUnderTheUrlPath() throws IOException {
    Content.put(storage, "files/md5/ab/cdef", new byte[] {7, 8});
    String run = storage.describe().substring(storage.describe().lastIndexOf('/') + 1);
    assertThat(Files.readAllBytes(server.root().resolve("remote").resolve(run).resolve("files/md5/ab/cdef")))
        .containsExactly(7, 8);
  }
}
