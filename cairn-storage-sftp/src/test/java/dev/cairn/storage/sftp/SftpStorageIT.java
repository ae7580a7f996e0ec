package dev.cairn.storage.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.storage.Storage;
import dev.cairn.storage.Storages;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.StorageContractTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract suite over SFTP with password authentication. */
class SftpStorageIT extends StorageContractTest {
  private static final AtomicInteger RUN = new AtomicInteger();
  @TempDir static Path dir;
  static SftpFixture server;

  @BeforeAll
  static void start() throws Exception {
    server = new SftpFixture(dir);
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Override
  protected Storage newStorage() throws IOException {
    return Storages.open(server.url("/remote/run-" + RUN.incrementAndGet()), SftpFixture.passwordProps());
  }

  @Test
  void objectsLandUnderTheRemotePathAndNoTempFileRemains() throws IOException {
    Content.put(storage, "files/md5/ab/cdef", new byte[] {5});
    String run = storage.describe().substring(storage.describe().lastIndexOf('/') + 1);
    Path objDir = server.root().resolve("remote").resolve(run).resolve("files/md5/ab");
    assertThat(Files.readAllBytes(objDir.resolve("cdef"))).containsExactly(5);
    try (var files = Files.list(objDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("cdef");
    }
  }

  @Test
  void describeShowsUserHostAndPathButNoPassword() {
    assertThat(storage.describe()).startsWith("ssh://cairn@127.0.0.1:").doesNotContain(SftpFixture.PASSWORD);
  }
}
