package dev.cairn.transfer;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.ObjectSet;
import dev.cairn.storage.LocalStorage;
import dev.cairn.storage.Storage;
import dev.cairn.storage.SupportsListing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides which objects a remote already has, as DVC's {@code oids_exist} does (dvc-format.md
 * §3.3): one object, or a storage that cannot list, is checked with {@code exists()} per object;
 * otherwise the remote's size is estimated from one prefix listing, and either the wanted objects
 * are checked one by one (few objects, big remote) or the remote is listed (one recursive listing,
 * or 256 prefix listings in parallel when it is large).
 */
final class RemoteQuery {
  static final int LIST_OBJECT_PAGE_SIZE = 1000;
  static final int TRAVERSE_WEIGHT_MULTIPLIER = 5;
  static final long TRAVERSE_THRESHOLD_SIZE = 500_000;

  /** How the last query was answered, for tests and diagnostics. */
  enum Strategy { NONE, EXISTS, LIST, LIST_PARALLEL }

  private final Storage storage;
  private final Parallel parallel;
  private final Retrier retrier;
  private volatile Strategy lastStrategy = Strategy.NONE;

  RemoteQuery(Storage storage, Parallel parallel, Retrier retrier) {
    this.storage = storage;
    this.parallel = parallel;
    this.retrier = retrier;
  }

  Strategy lastStrategy() {
    return lastStrategy;
  }

  /** The objects of {@code wanted} present on the remote. */
  ObjectSet existing(ObjectSet wanted) throws IOException {
    ObjectSet out = new ObjectSet();
    existingIn(RemoteLayout.MD5_ROOT, HashInfo.MD5, wanted, false, out);
    existingIn(RemoteLayout.LEGACY_ROOT, HashInfo.MD5_DOS2UNIX, wanted, true, out);
    return out;
  }

  /** {@link #existing(ObjectSet)} for a few objects. */
  Set<HashInfo> existing(Collection<HashInfo> wanted) throws IOException {
    ObjectSet w = new ObjectSet();
    wanted.forEach(w::add);
    ObjectSet found = existing(w);
    Set<HashInfo> out = new HashSet<>();
    for (HashInfo h : wanted) {
      if (found.contains(h)) {
        out.add(h);
      }
    }
    return out;
  }

  /** Adds to {@code found} the objects of {@code wanted} of one kind (legacy or not) found under {@code root}. */
  private void existingIn(String root, String hashName, ObjectSet wanted, boolean legacy, ObjectSet found)
      throws IOException {
    int n = wanted.size(legacy);
    if (n == 0) {
      return;
    }
    if (n == 1 || !(storage instanceof SupportsListing lister)) {
      checkEach(wanted, legacy, found);
      return;
    }
    // Object stores are estimated with a 3-character prefix, local directories with 2 (DVC's
    // TRAVERSE_PREFIX_LEN).
    int prefixLen = storage instanceof LocalStorage ? 2 : 3;
    long scale = 1L << (4 * prefixLen);
    String estimatePrefix = root + (prefixLen == 2 ? "00/" : "00/0");
    ObjectSet seen = new ObjectSet();
    AtomicLong count = new AtomicLong();
    retrier.call(() -> {
      count.set(0);
      lister.list(estimatePrefix, key -> {
        HashInfo h = RemoteLayout.parse(root, hashName, key);
        if (h == null) {
          return;
        }
        if (wanted.contains(h)) {
          seen.add(h);
        }
        if (weight(scale * count.incrementAndGet()) > n) {
          throw new SupportsListing.StopListing(); // big enough already: per-object checks win
        }
      });
      return null;
    });
    long remoteSize = count.get() == 0 ? scale : scale * count.get();
    if (n < weight(remoteSize)) {
      seen.forEach(found::add);
      checkEach(wanted, legacy, found, seen);
      return;
    }
    double pages = remoteSize / (double) LIST_OBJECT_PAGE_SIZE;
    if (pages < 256.0 / parallel.jobs()) {
      lastStrategy = Strategy.LIST;
      retrier.call(() -> {
        lister.list(root, key -> collect(root, hashName, key, wanted, found));
        return null;
      });
    } else {
      lastStrategy = Strategy.LIST_PARALLEL;
      List<String> prefixes = new ArrayList<>(256);
      for (int i = 0; i < 256; i++) {
        prefixes.add(root + String.format("%02x/", i));
      }
      parallel.forEach(prefixes, p -> retrier.call(() -> {
        lister.list(p, key -> collect(root, hashName, key, wanted, found));
        return null;
      }));
    }
  }

  private static void collect(String root, String hashName, String key, ObjectSet wanted, ObjectSet found) {
    HashInfo h = RemoteLayout.parse(root, hashName, key);
    if (h != null && wanted.contains(h)) {
      found.add(h);
    }
  }

  /** DVC's traverse weight: pages to list, five times dearer beyond the threshold size. */
  static double weight(long remoteSize) {
    double pages = remoteSize / (double) LIST_OBJECT_PAGE_SIZE;
    return remoteSize > TRAVERSE_THRESHOLD_SIZE ? pages * TRAVERSE_WEIGHT_MULTIPLIER : pages;
  }

  private void checkEach(ObjectSet wanted, boolean legacy, ObjectSet found) throws IOException {
    checkEach(wanted, legacy, found, null);
  }

  /** Checks the objects of one kind one by one ({@code exists}), skipping those in {@code skip} (may be null). */
  private void checkEach(ObjectSet wanted, boolean legacy, ObjectSet found, ObjectSet skip) throws IOException {
    lastStrategy = Strategy.EXISTS;
    try (Parallel.Feed<HashInfo> feed = parallel.feed(h -> {
      if (retrier.call(() -> storage.exists(RemoteLayout.key(h)))) {
        found.add(h);
      }
    })) {
      wanted.forEach(h -> {
        if (h.isLegacy() == legacy && (skip == null || !skip.contains(h))) {
          try {
            feed.submit(h);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        }
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
