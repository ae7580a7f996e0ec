package dev.cairn.storage.azure;

import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageProvider;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** Opens {@code azure://} remotes. Listed in {@code META-INF/services}. */
public final class AzureStorageProvider implements StorageProvider {
  private final Map<String, String> env;

  /** A provider that reads DVC's Azure environment variables from the process environment. */
  public AzureStorageProvider() {
    this(System.getenv());
  }

  AzureStorageProvider(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Set<String> schemes() {
    return Set.of("azure");
  }

  @Override
  public Storage open(URI uri, Map<String, String> props) throws IOException {
    return new AzureStorage(AzureProperties.parse(uri, props, env));
  }
}
