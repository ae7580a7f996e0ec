package dev.cairn.api;

import dev.cairn.storage.LocalStorage;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageProvider;
import dev.cairn.transfer.ForwardingStorage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test provider for {@code counting:///abs/path}: a local directory remote that counts how many
 * storages were opened and closed, and takes {@code open_delay_ms} (a config key) to open, or
 * waits for {@link #gate}.
 */
public final class CountingStorageProvider implements StorageProvider {
  static final AtomicInteger OPENED = new AtomicInteger();
  static final AtomicInteger CLOSED = new AtomicInteger();
  /** When set, opening waits until it is opened (at most 30 s). */
  static volatile java.util.concurrent.CountDownLatch gate;

  @Override
  public Set<String> schemes() {
    return Set.of("counting");
  }

  @Override
  public Storage open(URI uri, Map<String, String> props) throws IOException {
    String delay = props.get("open_delay_ms");
    if (delay != null) {
      try {
        Thread.sleep(Long.parseLong(delay));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    java.util.concurrent.CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await(30, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    LocalStorage local = new LocalStorage(Path.of(uri.getPath()));
    OPENED.incrementAndGet();
    return new ForwardingStorage(local) {
      @Override
      public String describe() {
        return "counting " + uri.getPath();
      }

      @Override
      public void close() {
        CLOSED.incrementAndGet();
      }
    };
  }
}
