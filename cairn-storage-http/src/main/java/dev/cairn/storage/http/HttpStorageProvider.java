package dev.cairn.storage.http;

import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageProvider;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** Opens {@code http://} and {@code https://} remotes. Listed in {@code META-INF/services}. */
public final class HttpStorageProvider implements StorageProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("http", "https");
  }

  @Override
  public Storage open(URI uri, Map<String, String> props) throws IOException {
    return new HttpStorage(HttpProperties.parse(uri, props));
  }
}
