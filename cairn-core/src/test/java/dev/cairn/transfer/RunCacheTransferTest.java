package dev.cairn.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.MemoryStorage;
import dev.cairn.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCacheTransferTest {
  @TempDir
  Path tmp;

  static final String KEY = "c7" + "1".repeat(62);
  static final String VALUE = "5e" + "2".repeat(62);

  RunCacheTransfer transfer(Path cache, Storage remote) {
    return new RunCacheTransfer(cache, remote, "r", new TransferOptions(4, RetryPolicy.jittered(8, 0, 0, d -> { })));
  }

  @Test
  void pushCopiesEveryEntryEveryTimeAndPullOnlyWhatIsMissing() throws Exception {
    Path cache = tmp.resolve("cache");
    Path entry = cache.resolve("runs/c7/" + KEY + "/" + VALUE);
    Files.createDirectories(entry.getParent());
    Files.writeString(entry, "cmd: python train.py\n");
    Files.writeString(entry.resolveSibling(".tmp123.tmp"), "partial");
    MemoryStorage remote = new MemoryStorage("r");
    assertThat(transfer(cache, remote).push().transferred()).isEqualTo(1);
    assertThat(transfer(cache, remote).push().transferred()).isEqualTo(1); // DVC re-copies runs/ on every push
    assertThat(remote.exists("runs/c7/" + KEY + "/" + VALUE)).isTrue();
    assertThat(remote.exists("runs/c7/" + KEY + "/.tmp123.tmp")).isFalse();

    try (Storage.AtomicOutput out = remote.create("runs/c7/not-a-key/evil")) {
      out.write("x".getBytes(StandardCharsets.UTF_8));
    }
    for (long seed = 1; seed <= 20; seed++) {
      Path other = tmp.resolve("other" + seed);
      TransferResult pulled = transfer(other, new FaultyStorage(remote, seed, 30)).pull();
      assertThat(pulled.failures()).isEmpty();
      assertThat(pulled.transferred()).isEqualTo(1);
      assertThat(other.resolve("runs/c7/" + KEY + "/" + VALUE)).hasContent("cmd: python train.py\n");
      assertThat(other.resolve("runs/c7/not-a-key")).doesNotExist();
    }
    Path other = tmp.resolve("other1");
    assertThat(transfer(other, remote).pull().alreadyPresent()).isEqualTo(1);
  }
}
