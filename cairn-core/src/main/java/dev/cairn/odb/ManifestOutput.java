package dev.cairn.odb;

import dev.cairn.hash.HashInfo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A {@code .dir} manifest written into the cache as its entries come ({@link #writer()}): the bytes
 * go to a hidden temp file while they are hashed, and {@link #publish()} renames that file to the
 * name its hash gives (fsync'd first when the cache asks for it). A manifest of a million entries
 * never sits in memory. Closing an unpublished output deletes its temp file. Not thread-safe.
 */
public final class ManifestOutput implements AutoCloseable {
  private final ObjectDb odb;
  private final ObjectWriter objects;
  private final Path tmp;
  private final FileChannel ch;
  private final ManifestWriter writer;
  private boolean closed;

  ManifestOutput(ObjectDb odb, ObjectWriter objects) throws IOException {
    this.odb = odb;
    this.objects = objects;
    ObjectWriter.ensureDir(odb.md5Root());
    this.tmp = TempFiles.tempIn(odb.md5Root());
    try {
      this.ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (IOException | RuntimeException e) {
      TempFiles.discard(tmp);
      throw e;
    }
    this.writer = new ManifestWriter(ch);
  }

  /** Where the entries go, in relpath order. */
  public ManifestWriter writer() {
    return writer;
  }

  /**
   * Ends the list and puts the object in place under its hash (nothing is replaced when an intact
   * object of that name is there already); returns that hash.
   */
  public HashInfo publish() throws IOException {
    HashInfo h = HashInfo.md5(writer.finish());
    try {
      if (odb.fsync()) {
        ch.force(true);
      }
      ch.close();
      closed = true;
      if (odb.check(h)) {
        TempFiles.discard(tmp);
      } else {
        objects.publish(tmp, odb.path(h));
      }
      return h;
    } finally {
      close();
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      ch.close();
    }
    TempFiles.discard(tmp);
  }
}
