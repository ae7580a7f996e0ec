package dev.cairn.transfer;

import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.SupportsListing;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Wraps a storage and records, in order, every key whose object became visible (create closed
 * successfully); keys in {@code failKeys} fail on create with a non-retryable error.
 */
final class RecordingStorage extends ForwardingStorage {
  final List<String> published = new CopyOnWriteArrayList<>();
  final Set<String> failKeys;
  final AtomicInteger exists = new AtomicInteger();
  final AtomicInteger lists = new AtomicInteger();

  RecordingStorage(Storage delegate, Set<String> failKeys) {
    super(delegate);
    this.failKeys = failKeys;
  }

  @Override
  public InputStream open(String key) throws IOException {
    return delegate.open(key);
  }

  @Override
  public AtomicOutput create(String key) throws IOException {
    if (failKeys.contains(key)) {
      throw new StorageException("Permission denied writing " + key);
    }
    AtomicOutput out = delegate.create(key);
    return new AtomicOutput() {
      @Override
      public void write(int b) throws IOException {
        out.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.close();
        published.add(key);
      }

      @Override
      public void abort() throws IOException {
        out.abort();
      }
    };
  }

  @Override
  public boolean exists(String key) throws IOException {
    exists.incrementAndGet();
    return delegate.exists(key);
  }

  @Override
  public void list(String prefix, Consumer<String> sink) throws IOException {
    lists.incrementAndGet();
    ((SupportsListing) delegate).list(prefix, sink);
  }
}
