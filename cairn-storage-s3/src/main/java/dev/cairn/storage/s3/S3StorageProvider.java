package dev.cairn.storage.s3;

import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageProvider;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** Opens {@code s3://bucket/prefix} remotes. Listed in {@code META-INF/services}. */
public final class S3StorageProvider implements StorageProvider {
  @Override
  public Set<String> schemes() {
    return Set.of("s3");
  }

  @Override
  public Storage open(URI uri, Map<String, String> props) throws IOException {
    return new S3Storage(S3Properties.parse(uri, props));
  }
}
