package dev.cairn.storage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/** An in-memory storage for tests ({@code memory://name}); contents live as long as the instance. */
public final class MemoryStorage implements Storage, SupportsListing {
  private final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();
  private final String name;

  public MemoryStorage(String name) {
    this.name = name;
  }

  @Override
  public InputStream open(String key) throws IOException {
    byte[] b = objects.get(Keys.check(key));
    if (b == null) {
      throw new ObjectNotFoundException("No object '" + key + "' in " + describe());
    }
    return new ByteArrayInputStream(b);
  }

  @Override
  public AtomicOutput create(String key) {
    Keys.check(key);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    return new AtomicOutput() {
      private boolean done;

      @Override
      public void write(int b) {
        buf.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        buf.write(b, off, len);
      }

      @Override
      public void close() {
        if (!done) {
          done = true;
          objects.put(key, buf.toByteArray());
        }
      }

      @Override
      public void abort() {
        done = true;
      }
    };
  }

  @Override
  public boolean exists(String key) {
    return objects.containsKey(Keys.check(key));
  }

  @Override
  public long size(String key) {
    byte[] b = objects.get(Keys.check(key));
    return b == null ? -1 : b.length;
  }

  @Override
  public void delete(String key) {
    objects.remove(Keys.check(key));
  }

  @Override
  public void list(String prefix, Consumer<String> sink) {
    try {
      for (String k : objects.tailMap(prefix, true).keySet()) {
        if (!k.startsWith(prefix)) {
          break;
        }
        sink.accept(k);
      }
    } catch (StopListing stop) {
      // early end
    }
  }

  @Override
  public String describe() {
    return "memory://" + name;
  }

  @Override
  public void close() {}
}
