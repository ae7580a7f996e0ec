/** The HTTP(S) remote (JDK HttpClient), a storage provider for {@code http://} and {@code https://} URLs. */
module dev.cairn.storage.http {
  requires java.net.http;
  requires dev.cairn.storage;

  provides dev.cairn.storage.StorageProvider with dev.cairn.storage.http.HttpStorageProvider;
}
