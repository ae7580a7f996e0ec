package dev.cairn.storage.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.Storages;
import dev.cairn.storage.SupportsListing;
import dev.cairn.storage.testkit.Content;
import dev.cairn.storage.testkit.FaultProxy;
import dev.cairn.storage.testkit.Faults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SFTP through a TCP proxy that resets connections: correct bytes or a retryable error, never a partial object. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SftpFaultIT {
  @TempDir Path dir;

  @Test
  void connectionResetsGiveRetryableFailuresAndNoPartialObjects() throws Exception {
    int objects = 12;
    int failed = 0;
    try (SftpFixture server = new SftpFixture(dir);
        FaultProxy proxy = FaultProxy.tcp(server.address(), Faults.of(0, 1, 11))) {
      String url = "ssh://" + SftpFixture.USER + "@127.0.0.1:" + proxy.port() + "/r";
      try (Storage s = Storages.open(url, SftpFixture.passwordProps())) {
        for (int i = 0; i < objects; i++) {
          try {
            Content.put(s, Content.dvcKey(i), Content.random(i, 3_000 + 1_500 * i));
          } catch (StorageException e) {
            assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
            failed++;
          }
        }
        for (int i = 0; i < objects; i++) {
          try {
            assertThat(Content.get(s, Content.dvcKey(i))).isEqualTo(Content.random(i, 3_000 + 1_500 * i));
          } catch (ObjectNotFoundException e) {
            // its upload failed
          } catch (StorageException e) {
            assertThat(e.isRetryable()).as(e.getMessage()).isTrue();
            failed++;
          }
        }
      }
      assertThat(proxy.injectedResets()).isPositive();
      assertThat(failed).isPositive();
      try (Storage direct = Storages.open(server.url("/r"), SftpFixture.passwordProps())) {
        List<String> keys = new ArrayList<>();
        ((SupportsListing) direct).list("", keys::add);
        for (String key : keys) {
          int i = indexOf(key, objects);
          assertThat(i).as("only object keys are visible: %s", key).isNotNegative();
          assertThat(Content.get(direct, key)).isEqualTo(Content.random(i, 3_000 + 1_500 * i));
        }
      }
    }
  }

  private static int indexOf(String key, int objects) {
    for (int i = 0; i < objects; i++) {
      if (Content.dvcKey(i).equals(key)) {
        return i;
      }
    }
    return -1;
  }
}
