package dev.cairn.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A storage rooted at a local directory (a "local remote" in DVC's terms). Objects are written to
 * a hidden temp file in the target directory, fsync'd and renamed into place, as DVC does
 * ({@code .<token>.tmp}), so a partial object is never visible.
 *
 * <p>A killed writer leaves its temp file behind. So that they never accumulate, the first write of
 * an instance into a directory (one {@code push} opens one instance per remote) first deletes the
 * temp files of that directory that are stale by {@link StaleTemps} (unchanged for 24 hours; a
 * younger one may be another process's upload in progress). It costs one directory listing per
 * directory written to, and is best effort: a temp file that cannot be deleted is left.
 */
public final class LocalStorage implements Storage, SupportsListing {
  private final Path root;
  private final Clock clock;
  private final Set<Path> swept = ConcurrentHashMap.newKeySet();

  public LocalStorage(Path root) {
    this(root, Clock.systemUTC());
  }

  /** A storage judging the age of stale temp files by {@code clock} (tests). */
  public LocalStorage(Path root, Clock clock) {
    this.root = root.toAbsolutePath().normalize();
    this.clock = clock;
  }

  public Path root() {
    return root;
  }

  Path path(String key) {
    return root.resolve(Keys.check(key));
  }

  @Override
  public InputStream open(String key) throws IOException {
    try {
      return Files.newInputStream(path(key));
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException("No object '" + key + "' in " + describe());
    }
  }

  @Override
  public AtomicOutput create(String key) throws IOException {
    Path target = path(key);
    Files.createDirectories(target.getParent());
    if (swept.add(target.getParent())) {
      deleteStaleTemps(target.getParent());
    }
    Path tmp = target.resolveSibling("." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new AtomicOutput() {
      private boolean done;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b, off, len);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }

      @Override
      public void close() throws IOException {
        if (done) {
          return;
        }
        done = true;
        try {
          ch.force(true);
          ch.close();
          try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException e) {
          Files.deleteIfExists(tmp);
          throw e;
        }
      }

      @Override
      public void abort() throws IOException {
        if (done) {
          return;
        }
        done = true;
        ch.close();
        Files.deleteIfExists(tmp);
      }
    };
  }

  /** Deletes the stale temp files directly in {@code dir}; returns how many. Never fails. */
  int deleteStaleTemps(Path dir) {
    int n = 0;
    Instant now = clock.instant();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, p -> StaleTemps.isTempName(p.getFileName().toString()))) {
      for (Path p : ds) {
        try {
          if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && StaleTemps.isStale(p, now) && Files.deleteIfExists(p)) {
            n++;
          }
        } catch (IOException e) {
          // left for a later write into this directory
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // best effort: cleaning up must never fail an upload
    }
    return n;
  }

  @Override
  public boolean exists(String key) {
    return Files.isRegularFile(path(key));
  }

  @Override
  public long size(String key) throws IOException {
    Path p = path(key);
    return Files.isRegularFile(p) ? Files.size(p) : -1;
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }

  @Override
  public void list(String prefix, Consumer<String> sink) throws IOException {
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) {
      return;
    }
    try (Stream<Path> s = Files.walk(start)) {
      s.filter(Files::isRegularFile).forEach(p -> {
        String key = root.relativize(p).toString().replace('\\', '/');
        String name = p.getFileName().toString();
        if (key.startsWith(prefix) && !StaleTemps.isTempName(name)) {
          sink.accept(key);
        }
      });
    } catch (StopListing stop) {
      // early end requested by the sink
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  @Override
  public String describe() {
    return root.toString();
  }

  @Override
  public void close() {}
}
