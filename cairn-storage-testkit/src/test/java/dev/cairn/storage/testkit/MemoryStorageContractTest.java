package dev.cairn.storage.testkit;

import dev.cairn.storage.MemoryStorage;
import dev.cairn.storage.Storage;

class MemoryStorageContractTest extends StorageContractTest {
  @Override
  protected Storage newStorage() {
    return new MemoryStorage("contract");
  }
}
