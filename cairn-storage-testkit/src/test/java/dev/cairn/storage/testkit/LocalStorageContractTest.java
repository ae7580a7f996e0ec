package dev.cairn.storage.testkit;

import dev.cairn.storage.LocalStorage;
import dev.cairn.storage.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class LocalStorageContractTest extends StorageContractTest {
  @TempDir Path dir;

  @Override
  protected Storage newStorage() {
    return new LocalStorage(dir.resolve("remote"));
  }
}
