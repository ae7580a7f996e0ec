/**
 * The storage SPI: {@link dev.cairn.storage.Storage} and its providers, found by URL scheme
 * through {@link java.util.ServiceLoader}; the built-in local and memory storages; MD5.
 */
module dev.cairn.storage {
  requires com.sun.jna;

  exports dev.cairn.storage;

  uses dev.cairn.storage.StorageProvider;
}
