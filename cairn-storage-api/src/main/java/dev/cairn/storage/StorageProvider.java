package dev.cairn.storage;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Creates {@link Storage} instances for the URL schemes it handles. Implementations are listed in
 * {@code META-INF/services/dev.cairn.storage.StorageProvider} and found by {@link Storages}.
 */
public interface StorageProvider {
  /** Lower-case URL schemes this provider serves, e.g. {@code s3}. */
  Set<String> schemes();

  /**
   * Opens a storage rooted at {@code uri}.
   *
   * @param props the remote's configuration keys (DVC names, lower case: {@code endpointurl},
   *     {@code region} …), already merged from every config level. Secrets are in here too, so an
   *     implementation must never print this map or put it in an exception message.
   * @throws StorageException with a message fit for the user when the URL or a key is invalid
   */
  Storage open(URI uri, Map<String, String> props) throws IOException;
}
