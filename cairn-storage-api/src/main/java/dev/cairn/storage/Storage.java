package dev.cairn.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A flat key/value object store: the smallest surface every remote backend implements.
 *
 * <p>Keys are relative, {@code /}-separated paths under the storage root (for example
 * {@code files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8}). They never start with {@code /} and never
 * contain {@code .} or {@code ..} segments; {@link Keys#check(String)} enforces that and every
 * implementation calls it.
 *
 * <p>Optional abilities are separate interfaces checked with {@code instanceof}:
 * {@link SupportsListing}. Implementations are thread-safe: the transfer engine calls one instance
 * from many threads at once.
 */
public interface Storage extends Closeable {

  /**
   * Opens an object for reading.
   *
   * @throws ObjectNotFoundException if no object has that key
   * @throws IOException on any other failure; {@link StorageException#isRetryable()} tells whether
   *     trying again may help
   */
  InputStream open(String key) throws IOException;

  /**
   * Creates or replaces an object. The bytes become visible under {@code key} only when the
   * returned stream is closed without error; a stream that is abandoned (or whose writer fails)
   * leaves no object and no partial object under the key. Call {@link AtomicOutput#abort()} to
   * give up explicitly.
   */
  AtomicOutput create(String key) throws IOException;

  /** Whether an object exists under {@code key}. */
  boolean exists(String key) throws IOException;

  /** Size in bytes of the object, or {@code -1} if it does not exist. */
  long size(String key) throws IOException;

  /** Deletes the object; deleting a missing object is not an error. */
  void delete(String key) throws IOException;

  /** A human-readable location for messages, with any credentials removed. */
  String describe();

  /** An output stream that publishes its object atomically on {@link #close()}. */
  abstract class AtomicOutput extends OutputStream {
    /** Discards everything written; nothing becomes visible. Idempotent. */
    public abstract void abort() throws IOException;
  }
}
