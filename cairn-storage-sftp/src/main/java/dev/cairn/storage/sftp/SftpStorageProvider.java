package dev.cairn.storage.sftp;

import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageProvider;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** Opens {@code ssh://} remotes. Listed in {@code META-INF/services}. */
public final class SftpStorageProvider implements StorageProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("ssh");
  }

  @Override
  public Storage open(URI uri, Map<String, String> props) throws IOException {
    return new SftpStorage(SftpProperties.parse(uri, props));
  }
}
