package dev.cairn.storage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An {@link Storage.AtomicOutput} for backends that upload a whole object in one request after
 * the writer is done (S3, HTTP, Azure). It keeps the first bytes in memory and spills to a temp
 * file beyond a threshold, then hands the complete content to {@link #publish(Spool)} on
 * {@link #close()}. {@link #abort()}, or a failed publish, discards everything, so nothing
 * partial ever reaches the storage from here. The temp file is deleted in every case.
 *
 * <p>Not thread-safe, like any {@link OutputStream}.
 */
public abstract class SpooledOutput extends Storage.AtomicOutput {
  /** Default in-memory limit before spilling to a temp file: 8 MiB. */
  public static final int DEFAULT_MEMORY_LIMIT = 8 * 1024 * 1024;

  private final int memoryLimit;
  private ByteArrayOutputStream memory = new ByteArrayOutputStream();
  private Path file;
  private OutputStream fileOut;
  private long size;
  private boolean done;

  /** A spool holding up to {@link #DEFAULT_MEMORY_LIMIT} bytes in memory. */
  protected SpooledOutput() {
    this(DEFAULT_MEMORY_LIMIT);
  }

  /** A spool holding up to {@code memoryLimit} bytes in memory before it uses a temp file. */
  protected SpooledOutput(int memoryLimit) {
    this.memoryLimit = memoryLimit;
  }

  /**
   * The complete content, either in {@code bytes} (then {@code file} is {@code null}) or in
   * {@code file} (then {@code bytes} is {@code null}); {@code size} is its length in bytes.
   */
  public record Spool(byte[] bytes, Path file, long size) {}

  /**
   * Uploads the complete content so that it becomes visible under the target key at once. Called
   * at most once, from {@link #close()}; an exception here means nothing was published.
   */
  protected abstract void publish(Spool spool) throws IOException;

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (done) {
      throw new IOException("Stream already closed");
    }
    if (fileOut == null && memory.size() + (long) len > memoryLimit) {
      file = Files.createTempFile("cairn-upload-", ".tmp");
      fileOut = Files.newOutputStream(file);
      memory.writeTo(fileOut);
      memory = null;
    }
    if (fileOut != null) {
      fileOut.write(b, off, len);
    } else {
      memory.write(b, off, len);
    }
    size += len;
  }

  @Override
  public void close() throws IOException {
    if (done) {
      return;
    }
    done = true;
    try {
      Spool spool;
      if (fileOut != null) {
        fileOut.close();
        spool = new Spool(null, file, size);
      } else {
        spool = new Spool(memory.toByteArray(), null, size);
      }
      publish(spool);
    } finally {
      discard();
    }
  }

  @Override
  public void abort() throws IOException {
    if (!done) {
      done = true;
      discard();
    }
  }

  private void discard() throws IOException {
    memory = null;
    if (fileOut != null) {
      fileOut.close();
    }
    if (file != null) {
      Files.deleteIfExists(file);
    }
  }
}
