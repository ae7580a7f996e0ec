package dev.cairn.transfer;

import dev.cairn.storage.Storage;
import dev.cairn.storage.SupportsListing;
import dev.cairn.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Copies the run-cache (dvc-format.md §6.4): every file under {@code <cache>/runs/} to {@code
 * <remote>/runs/} with the same relative path, and back. Push copies every entry, even those the
 * remote already has, as DVC does. Only well-formed entry paths ({@code runs/xx/<64 hex>/<64 hex>})
 * are copied in either direction, so a remote cannot make us write outside {@code runs/}. Entries
 * are not content-addressed, so a download is checked against the remote's size before it is renamed
 * into place. Not supported for HTTP remotes (the caller checks the URL).
 */
public final class RunCacheTransfer {
  private static final Pattern ENTRY = Pattern.compile("[0-9a-f]{2}/[0-9a-f]{64}/[0-9a-f]{64}");

  private final Path cacheDir;
  private final Storage remote;
  private final String remoteName;
  private final TransferOptions options;
  private final Retrier retrier;

  public RunCacheTransfer(Path cacheDir, Storage remote, String remoteName, TransferOptions options) {
    this.cacheDir = cacheDir;
    this.remote = remote;
    this.remoteName = remoteName;
    this.options = options;
    this.retrier = new Retrier(options.retry());
  }

  /** Uploads every local run-cache entry. */
  public TransferResult push() throws IOException {
    Path runs = cacheDir.resolve("runs");
    List<String> rels = new ArrayList<>();
    if (Files.isDirectory(runs)) {
      try (Stream<Path> s = Files.walk(runs)) {
        s.filter(Files::isRegularFile).forEach(p -> {
          String rel = runs.relativize(p).toString().replace('\\', '/');
          if (ENTRY.matcher(rel).matches()) {
            rels.add(rel);
          }
        });
      }
    }
    AtomicInteger done = new AtomicInteger();
    ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
    try (Parallel parallel = new Parallel(options.jobs())) {
      parallel.forEach(rels, rel -> {
        try {
          retrier.call(() -> {
            Storage.AtomicOutput out = remote.create(RemoteLayout.RUNS_ROOT + rel);
            boolean ok = false;
            try (InputStream in = Files.newInputStream(runs.resolve(rel))) {
              in.transferTo(out);
              out.close();
              ok = true;
            } finally {
              if (!ok) {
                out.abort();
              }
            }
            return null;
          });
          done.incrementAndGet();
        } catch (IOException e) {
          failed.add("runs/" + rel + ": " + e.getMessage());
        }
      });
    }
    return result(done.get(), 0, failed);
  }

  /** Downloads every remote run-cache entry the cache lacks. */
  public TransferResult pull() throws IOException {
    if (!(remote instanceof SupportsListing lister)) {
      throw new StorageException("Remote '" + remoteName + "' cannot list its contents, so its run-cache cannot be"
          + " pulled");
    }
    List<String> rels = new ArrayList<>();
    retrier.call(() -> {
      rels.clear();
      lister.list(RemoteLayout.RUNS_ROOT, key -> {
        String rel = key.substring(RemoteLayout.RUNS_ROOT.length());
        if (ENTRY.matcher(rel).matches()) {
          rels.add(rel);
        }
      });
      return null;
    });
    Path runs = cacheDir.resolve("runs");
    AtomicInteger done = new AtomicInteger();
    AtomicInteger present = new AtomicInteger();
    ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();
    try (Parallel parallel = new Parallel(options.jobs())) {
      parallel.forEach(rels, rel -> {
        Path target = runs.resolve(rel);
        if (Files.isRegularFile(target)) {
          present.incrementAndGet();
          return;
        }
        try {
          retrier.call(() -> {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling("." + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE)
                + ".tmp");
            String key = RemoteLayout.RUNS_ROOT + rel;
            try (InputStream in = remote.open(key)) {
              long copied = Files.copy(in, tmp);
              // entries are not content-addressed: a short read is caught by the size instead
              long expected = remote.size(key);
              if (expected >= 0 && copied != expected) {
                throw new StorageException("Truncated download of " + key + " (" + copied + " of " + expected
                    + " bytes)", null, true);
              }
              try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
              } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
              }
            } finally {
              Files.deleteIfExists(tmp);
            }
            return null;
          });
          done.incrementAndGet();
        } catch (IOException e) {
          failed.add("runs/" + rel + ": " + e.getMessage());
        }
      });
    }
    return result(done.get(), present.get(), failed);
  }

  private static TransferResult result(int done, int present, Iterable<String> failed) {
    List<TransferResult.Failure> f = new ArrayList<>();
    for (String s : failed) {
      f.add(new TransferResult.Failure(null, s));
    }
    return new TransferResult(done, present, 0, f);
  }
}
