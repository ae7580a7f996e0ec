package dev.cairn.transfer;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.hash.ObjectSet;
import dev.cairn.odb.Batch;
import dev.cairn.odb.CorruptObjectException;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ManifestReader;
import dev.cairn.odb.ObjectDb;
import dev.cairn.odb.PreparedCopy;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.storage.ChunkedInput;
import dev.cairn.storage.ObjectNotFoundException;
import dev.cairn.storage.Storage;
import dev.cairn.storage.StorageException;
import dev.cairn.storage.SupportsListing;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies the objects of a set of outputs between the local cache and one remote, in parallel, with
 * retries (dvc-format.md §3.2):
 *
 * <ul>
 *   <li>{@link #push}: uploads what the remote lacks. Every file object is uploaded (and hash-checked
 *       while it is read, so a corrupt cache object never reaches the remote) before any {@code
 *       .dir}; a {@code .dir} is uploaded only when all of its files are on the remote, so a remote
 *       that has a {@code .dir} has all its files.
 *   <li>{@link #fetch}: downloads what the cache lacks, {@code .dir} objects first (to learn their
 *       files); every download is verified by {@link ObjectDb#insertStream} before it enters the
 *       cache, and a download whose bytes do not hash to the object's name is retried, then reported.
 *   <li>{@link #compare}: which objects are local only, remote only, or on neither side.
 * </ul>
 *
 * Roots are the hashes recorded for outputs: a file's object, or a {@code .dir} whose manifest
 * lists more objects. Objects of a legacy (DVC 2) {@code .dir} are legacy too. An instance may run
 * several operations, one at a time; each runs its own pool of {@code jobs} threads.
 */
public final class ObjectTransfer {
  /** Where an object is, for {@link #compare}. */
  public enum Presence {
    /** In the cache and on the remote. */
    OK,
    /** Only in the cache (DVC: {@code new}). */
    NEW,
    /** Only on the remote (DVC: {@code deleted}). */
    DELETED,
    /** Neither in the cache nor on the remote (DVC: {@code missing}). */
    MISSING
  }

  private final ObjectDb odb;
  private final Storage remote;
  private final String remoteName;
  private final TransferOptions options;
  private final Retrier retrier;

  /**
   * @param odb the local cache
   * @param remote the remote storage (its root is the remote URL)
   * @param remoteName the remote's name, for messages
   * @param options parallelism and retries
   */
  public ObjectTransfer(ObjectDb odb, Storage remote, String remoteName, TransferOptions options) {
    this.odb = odb;
    this.remote = remote;
    this.remoteName = remoteName;
    this.options = options;
    this.retrier = new Retrier(options.retry());
  }

  /** Receives objects one by one. */
  @FunctionalInterface
  private interface ObjectSink {
    void accept(HashInfo h) throws IOException;
  }

  /** Streams the objects a {@code .dir} in the cache lists to {@code sink}, reading it entry by entry. */
  private void forEachEntry(HashInfo dir, ObjectSink sink) throws IOException {
    String name = dir.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
    try (ManifestReader r = odb.openManifest(dir)) {
      for (Manifest.Entry e = r.next(); e != null; e = r.next()) {
        sink.accept(new HashInfo(name, e.md5()));
      }
    }
  }

  /**
   * Uploads the objects of {@code roots} that the remote lacks. The objects are kept in compact
   * sets and the manifests read as streams, so a directory of a million files fits in a small heap.
   *
   * @throws IOException when the remote cannot be queried at all; failures of single objects are in
   *     the result
   */
  public TransferResult push(Collection<HashInfo> roots, ProgressMonitor monitor) throws IOException {
    ObjectSet wanted = new ObjectSet();
    Set<HashInfo> dirs = new LinkedHashSet<>();
    Set<HashInfo> unexpanded = new LinkedHashSet<>();
    for (HashInfo r : roots) {
      if (!r.isDir()) {
        wanted.add(r);
      } else if (!dirs.contains(r) && !unexpanded.contains(r)) {
        try {
          forEachEntry(r, wanted::add);
          dirs.add(r);
        } catch (IOException e) {
          unexpanded.add(r);
        }
        wanted.add(r);
      }
    }
    List<TransferResult.Failure> failures = new ArrayList<>();
    try (Parallel parallel = new Parallel(options.jobs())) {
      monitor.beginTask("Querying remote '" + remoteName + "'", ProgressMonitor.UNKNOWN);
      ObjectSet onRemote = query(parallel, wanted);
      monitor.endTask();
      for (HashInfo d : unexpanded) {
        if (!onRemote.contains(d)) {
          failures.add(new TransferResult.Failure(d, "missing from the local cache (directory manifest)"));
        }
      }
      List<HashInfo> missingDirs = dirs.stream().filter(h -> !onRemote.contains(h)).toList();
      long[] totals = new long[2]; // files to push, their bytes
      wanted.forEachFile(h -> {
        if (!onRemote.contains(h)) {
          totals[0]++;
          totals[1] += Math.max(0, sizeOf(h));
        }
      });
      for (HashInfo h : missingDirs) {
        totals[1] += Math.max(0, sizeOf(h));
      }
      ObjectSet done = new ObjectSet();
      ConcurrentLinkedQueue<TransferResult.Failure> failed = new ConcurrentLinkedQueue<>();
      AtomicLong bytes = new AtomicLong();
      monitor.beginTask("Pushing " + (totals[0] + missingDirs.size()) + " files to '" + remoteName + "'", totals[1]);
      try (Parallel.Feed<HashInfo> feed = parallel.feed(h -> upload(h, done, failed, bytes, monitor))) {
        forEachUnchecked(wanted, h -> {
          if (!onRemote.contains(h)) {
            feed.submit(h);
          }
        });
      }
      // the .dir-last invariant: a manifest goes up only when every file it lists is on the remote
      List<HashInfo> readyDirs = new ArrayList<>();
      for (HashInfo d : missingDirs) {
        long[] missing = {0};
        forEachEntry(d, e -> {
          if (!onRemote.contains(e) && !done.contains(e)) {
            missing[0]++;
          }
        });
        if (missing[0] == 0) {
          readyDirs.add(d);
        } else {
          failed.add(new TransferResult.Failure(d, "not uploaded because " + missing[0] + " of its files could not be"
              + " uploaded"));
        }
      }
      parallel.forEach(readyDirs, h -> upload(h, done, failed, bytes, monitor));
      monitor.endTask();
      failures.addAll(failed);
      return new TransferResult(done.size(), onRemote.size(), bytes.get(), failures);
    }
  }

  /** {@link ObjectSet#forEachFile} for a sink that may throw {@link IOException}. */
  private static void forEachUnchecked(ObjectSet set, ObjectSink sink) throws IOException {
    try {
      set.forEachFile(h -> {
        try {
          sink.accept(h);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    } catch (java.io.UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** What the remote has of {@code wanted}; a failure after retries names the remote. */
  private ObjectSet query(Parallel parallel, ObjectSet wanted) throws IOException {
    try {
      return new RemoteQuery(remote, parallel, retrier).existing(wanted);
    } catch (IOException e) {
      throw new StorageException("Cannot query remote '" + remoteName + "' (" + remote.describe() + "): "
          + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }
  }

  private long sizeOf(HashInfo h) {
    try {
      return Files.size(odb.path(h));
    } catch (IOException e) {
      return -1;
    }
  }

  private void upload(HashInfo h, ObjectSet done, Collection<TransferResult.Failure> failed, AtomicLong bytes,
      ProgressMonitor monitor) {
    if (monitor.isCancelled()) {
      failed.add(new TransferResult.Failure(h, "cancelled"));
      return;
    }
    try {
      if (!odb.check(h)) {
        failed.add(new TransferResult.Failure(h, "missing from the local cache"));
        return;
      }
      long n = retrier.call(() -> uploadOnce(h));
      bytes.addAndGet(n);
      monitor.update(n);
      done.add(h);
    } catch (IOException e) {
      failed.add(new TransferResult.Failure(h, reason(e)));
    }
  }

  /** Thrown when a cache object turns out corrupt while being uploaded; not retried. */
  static final class LocalCorruptException extends IOException {
    LocalCorruptException(String message) {
      super(message);
    }
  }

  private long uploadOnce(HashInfo h) throws IOException {
    // legacy file objects are named by their dos2unix hash, checked by odb.check; all others by md5
    MessageDigest md = h.isLegacy() && !h.isDir() ? null : Hashing.md5();
    long n = 0;
    Storage.AtomicOutput out = remote.create(RemoteLayout.key(h));
    boolean published = false;
    try (InputStream in = Files.newInputStream(odb.path(h))) {
      byte[] buf = new byte[1 << 16];
      int r;
      while ((r = in.read(buf)) > 0) {
        if (md != null) {
          md.update(buf, 0, r);
        }
        out.write(buf, 0, r);
        n += r;
      }
      if (md != null) {
        String got = Hashing.hex(md.digest());
        if (!got.equals(h.bare())) {
          throw new LocalCorruptException("corrupt in the local cache (md5 " + got + "); not uploaded");
        }
      }
      out.close();
      published = true;
    } finally {
      if (!published) {
        out.abort();
      }
    }
    return n;
  }

  /**
   * Downloads the objects of {@code roots} that the cache lacks (or holds corrupt).
   *
   * @throws IOException only for failures of the whole operation; failures of single objects are in
   *     the result
   */
  public TransferResult fetch(Collection<HashInfo> roots, ProgressMonitor monitor) throws IOException {
    return fetch(roots, monitor, null);
  }

  /** From this many files on, the cache is checked against a listing of its prefix directories. */
  static final int LIST_CACHE_FROM = 256;

  /**
   * Workspace files to write while their objects download (a pull's checkout then renames them into
   * place instead of copying each object again): {@code wanted} names the destination of each object,
   * and {@code prepared} receives, by destination, each copy whose object was downloaded and verified.
   * The caller deletes what it does not use.
   */
  public record WorkspaceCopies(Map<HashInfo, Path> wanted, Map<Path, PreparedCopy> prepared) {
    /** Copies of {@code wanted}, none prepared yet. */
    public WorkspaceCopies(Map<HashInfo, Path> wanted) {
      this(Map.copyOf(wanted), new ConcurrentHashMap<>());
    }
  }

  /**
   * {@link #fetch(Collection, ProgressMonitor)}, writing the {@code copies} wanted (may be null) on
   * the way. Manifests are read as streams and the objects kept in compact sets; downloads are made
   * durable and visible in batches.
   */
  public TransferResult fetch(Collection<HashInfo> roots, ProgressMonitor monitor, WorkspaceCopies copies)
      throws IOException {
    List<TransferResult.Failure> failures = new ArrayList<>();
    ConcurrentLinkedQueue<TransferResult.Failure> failed = new ConcurrentLinkedQueue<>();
    ObjectSet done = new ObjectSet();
    AtomicLong bytes = new AtomicLong();
    Set<HashInfo> presentDirs = ConcurrentHashMap.newKeySet();
    try (Parallel parallel = new Parallel(options.jobs())) {
      Set<HashInfo> dirRoots = new LinkedHashSet<>();
      Set<HashInfo> files = new LinkedHashSet<>();
      for (HashInfo r : roots) {
        (r.isDir() ? dirRoots : files).add(r);
      }
      monitor.beginTask("Fetching directory manifests from '" + remoteName + "'", dirRoots.size());
      parallel.forEach(dirRoots, d -> {
        if (odb.check(d)) {
          presentDirs.add(d);
        } else {
          download(d, done, failed, bytes, monitor);
        }
      });
      monitor.endTask();
      // many files: one listing per prefix directory (256 of them at most), not a stat and an
      // exception per missing object
      boolean listed = !dirRoots.isEmpty() || files.size() >= LIST_CACHE_FROM;
      ObjectSet seen = new ObjectSet();
      ObjectSet need = new ObjectSet();
      long[] present = {presentDirs.size()};
      ObjectSink check = h -> {
        if (seen.add(h)) {
          if (listed ? odb.checkListed(h) : odb.check(h)) {
            present[0]++;
          } else {
            need.add(h);
          }
        }
      };
      monitor.beginTask("Checking cache", ProgressMonitor.UNKNOWN);
      for (HashInfo h : files) {
        check.accept(h);
      }
      for (HashInfo d : dirRoots) {
        if (presentDirs.contains(d) || done.contains(d)) {
          try {
            forEachEntry(d, check);
          } catch (IOException e) {
            failed.add(new TransferResult.Failure(d, reason(e)));
          }
        }
      }
      monitor.endTask();
      monitor.beginTask("Fetching " + need.size() + " files from '" + remoteName + "'", need.size());
      // the files go through one batch: verified as they arrive, made durable together (one syncfs
      // per batch instead of an fsync each) and only then visible in the cache
      Batch batch = odb.batch();
      Object committing = new Object();
      boolean committed = false;
      try {
        try (Parallel.Feed<HashInfo> feed = parallel.feed(h -> {
          download(h, batch, copies, done, failed, bytes, monitor);
          if (batch.shouldCommit()) {
            synchronized (committing) {
              batch.commit();
            }
          }
        })) {
          forEachUnchecked(need, feed::submit);
        }
        synchronized (committing) {
          batch.commit();
        }
        committed = true;
      } finally {
        if (!committed) {
          batch.abort();
        }
      }
      monitor.endTask();
      failures.addAll(failed);
      return new TransferResult(done.size(), (int) present[0], bytes.get(), failures);
    }
  }

  /**
   * Downloads exactly {@code objects} that the cache lacks, without expanding directories: a {@code
   * .dir} brings its manifest only (to learn which of its files a caller needs). Verified as {@link
   * #fetch} verifies.
   */
  public TransferResult fetchExact(Collection<HashInfo> objects, ProgressMonitor monitor) throws IOException {
    ObjectSet done = new ObjectSet();
    AtomicLong present = new AtomicLong();
    ConcurrentLinkedQueue<TransferResult.Failure> failed = new ConcurrentLinkedQueue<>();
    AtomicLong bytes = new AtomicLong();
    try (Parallel parallel = new Parallel(options.jobs())) {
      parallel.forEach(new LinkedHashSet<>(objects), h -> {
        if (odb.check(h)) {
          present.incrementAndGet();
        } else {
          download(h, done, failed, bytes, monitor);
        }
      });
    }
    return new TransferResult(done.size(), (int) present.get(), bytes.get(), new ArrayList<>(failed));
  }

  private void download(HashInfo h, ObjectSet done, Collection<TransferResult.Failure> failed, AtomicLong bytes,
      ProgressMonitor monitor) {
    download(h, null, null, done, failed, bytes, monitor);
  }

  /** Downloads one object into the cache, or into {@code batch} when given (with its workspace copy if wanted). */
  private void download(HashInfo h, Batch batch, WorkspaceCopies copies, ObjectSet done,
      Collection<TransferResult.Failure> failed, AtomicLong bytes, ProgressMonitor monitor) {
    if (monitor.isCancelled()) {
      failed.add(new TransferResult.Failure(h, "cancelled"));
      return;
    }
    try {
      long n = retrier.call(() -> {
        try (CountingInputStream in = new CountingInputStream(remote.open(RemoteLayout.key(h)))) {
          Path copyTo = copies == null || batch == null ? null : copies.wanted().get(h);
          if (batch == null) {
            odb.insertStream(h, in);
          } else if (copyTo != null) {
            copies.prepared().put(copyTo, batch.addStreamWithCopy(h, in, copyTo));
          } else {
            batch.addStream(h, in);
          }
          return in.count;
        }
      });
      bytes.addAndGet(n);
      monitor.update(1);
      done.add(h);
    } catch (IOException e) {
      failed.add(new TransferResult.Failure(h, reason(e)));
    }
  }

  private String reason(IOException e) {
    if (e instanceof ObjectNotFoundException || e instanceof NoSuchFileException) {
      return "missing on remote '" + remoteName + "'";
    }
    if (e instanceof CorruptObjectException) {
      return "corrupt on remote '" + remoteName + "' (" + e.getMessage() + ")";
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.toString() : m;
  }

  /**
   * Where each object of the named outputs is: in the cache, on the remote, both or neither. A
   * directory's {@code .dir} is reported under the output's name, its files as {@code
   * name/relpath}; a manifest missing locally is read from the remote (verified, not stored).
   *
   * @param outputs output name (e.g. its repo-relative path) → recorded hash
   * @return name → presence, for every object, in output order
   */
  public Map<String, Presence> compare(Map<String, HashInfo> outputs, ProgressMonitor monitor) throws IOException {
    Map<String, HashInfo> named = new LinkedHashMap<>();
    for (Map.Entry<String, HashInfo> o : outputs.entrySet()) {
      HashInfo h = o.getValue();
      named.putIfAbsent(o.getKey(), h);
      if (!h.isDir()) {
        continue;
      }
      Manifest m = null;
      try {
        m = odb.readManifest(h);
      } catch (IOException local) {
        try {
          m = retrier.call(() -> remoteManifest(h));
        } catch (IOException remoteToo) {
          // neither side has the manifest: only the .dir itself is reported
        }
      }
      if (m != null) {
        String name = h.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
        for (Manifest.Entry e : m.entries()) {
          named.putIfAbsent(o.getKey() + "/" + e.relpath(), new HashInfo(name, e.md5()));
        }
      }
    }
    ObjectSet onRemote;
    try (Parallel parallel = new Parallel(options.jobs())) {
      monitor.beginTask("Querying remote '" + remoteName + "'", ProgressMonitor.UNKNOWN);
      ObjectSet wanted = new ObjectSet();
      named.values().forEach(wanted::add);
      onRemote = query(parallel, wanted);
      monitor.endTask();
    }
    Map<String, Presence> out = new LinkedHashMap<>();
    for (Map.Entry<String, HashInfo> e : named.entrySet()) {
      boolean local = odb.exists(e.getValue());
      boolean rem = onRemote.contains(e.getValue());
      out.put(e.getKey(), local && rem ? Presence.OK : local ? Presence.NEW : rem ? Presence.DELETED : Presence.MISSING);
    }
    return out;
  }

  /** The objects of {@code objects} the remote has (decided as {@link #push} decides it). */
  public ObjectSet onRemote(ObjectSet objects) throws IOException {
    try (Parallel parallel = new Parallel(options.jobs())) {
      return query(parallel, objects);
    }
  }

  /**
   * {@code gc -c}: deletes from the remote every object ({@code files/md5/} and the legacy layout)
   * that {@code keep} does not name. A directory of {@code keep} keeps its files: its manifest is
   * read from the cache, else from the remote; when neither has it nothing is deleted (its files
   * cannot be told apart). {@code .dir} objects go first, so the remote never holds a manifest
   * whose files were deleted. The run-cache ({@code runs/}) is not touched.
   *
   * @param dry only list what would be deleted
   * @return the objects deleted (or that would be)
   * @throws IOException when the remote cannot be listed, a kept manifest cannot be read, or a
   *     delete fails (after retries)
   */
  public List<HashInfo> collectGarbage(Set<HashInfo> keep, boolean dry) throws IOException {
    if (!(remote instanceof SupportsListing lister)) {
      throw new IOException("Remote '" + remoteName + "' cannot be listed, so its unused objects cannot be found");
    }
    ObjectSet kept = new ObjectSet(); // compact: the objects of a million-file directory fit in some 32 MB
    keep.forEach(kept::add);
    for (HashInfo h : keep) {
      if (!h.isDir()) {
        continue;
      }
      if (odb.exists(h)) {
        try {
          forEachEntry(h, kept::add);
          continue;
        } catch (IOException local) {
          // unreadable in the cache: read from the remote instead
        }
      }
      String name = h.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
      try {
        // a manifest the cache lacks is read whole from the remote, to be verified before it decides
        for (Manifest.Entry e : retrier.call(() -> remoteManifest(h)).entries()) {
          kept.add(new HashInfo(name, e.md5()));
        }
      } catch (ObjectNotFoundException gone) {
        continue; // nowhere: it has no files on the remote to keep
      } catch (IOException unreadable) {
        throw new IOException("Cannot read the manifest " + h + " (not in the cache, and on remote '" + remoteName
            + "': " + unreadable.getMessage() + "); nothing was deleted", unreadable);
      }
    }
    // only what goes is kept from the listing, .dir objects first in the result
    List<HashInfo> unusedDirs = new ArrayList<>();
    List<HashInfo> unusedFiles = new ArrayList<>();
    retrier.call(() -> {
      unusedDirs.clear();
      unusedFiles.clear();
      lister.list("", key -> {
        HashInfo h = RemoteLayout.parse(RemoteLayout.MD5_ROOT, HashInfo.MD5, key);
        if (h == null) {
          h = RemoteLayout.parse(RemoteLayout.LEGACY_ROOT, HashInfo.MD5_DOS2UNIX, key);
        }
        if (h != null && !kept.contains(h)) {
          (h.isDir() ? unusedDirs : unusedFiles).add(h);
        }
      });
      return null;
    });
    List<HashInfo> unused = new ArrayList<>(unusedDirs);
    unused.addAll(unusedFiles);
    if (!dry) {
      for (HashInfo h : unused) {
        retrier.call(() -> {
          remote.delete(RemoteLayout.key(h));
          return null;
        });
      }
    }
    return unused;
  }

  private Manifest remoteManifest(HashInfo h) throws IOException {
    try (InputStream in = new java.io.BufferedInputStream(remote.open(RemoteLayout.key(h)), 1 << 16)) {
      return Manifest.readVerified(in, h.bare(), h.value(),
          new CorruptObjectException("Directory manifest " + h + " on remote '" + remoteName + "' is corrupt"));
    }
  }

  /** Counts the bytes read through it (or taken as chunks). */
  private static final class CountingInputStream extends FilterInputStream implements ChunkedInput {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public boolean chunked() {
      return ChunkedInput.of(in) != null;
    }

    @Override
    public ByteBuffer nextChunk() throws IOException {
      ByteBuffer c = ((ChunkedInput) in).nextChunk();
      if (c != null) {
        count += c.remaining();
      }
      return c;
    }

    @Override
    public void release(ByteBuffer chunk) {
      ((ChunkedInput) in).release(chunk);
    }
  }
}
