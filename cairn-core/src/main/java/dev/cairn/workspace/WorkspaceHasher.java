package dev.cairn.workspace;

import dev.cairn.hash.EntryHash;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ManifestWriter;
import dev.cairn.progress.ProgressMonitor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Hashes workspace files and directories as DVC does (dvc-format.md §1.1, §1.4), asking the
 * {@link StateDb} first so that unchanged files are never read: a directory through its {@link
 * DirIndex} (one pass, one {@code lstat} per file, no manifest built when nothing changed), a single
 * file through the state's file index. Directory walks do not follow directory symlinks (their
 * contents are omitted, as in DVC), follow file symlinks, skip what {@code .dvcignore} ignores and
 * refuse a {@code .dvcignore} inside the tracked directory. Files a directory's index does not know
 * are hashed on several threads; memory does not grow with the number of files.
 */
public final class WorkspaceHasher {
  private final Path root;
  private final StateDb state;
  private final DvcIgnore ignore;
  private final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();

  public WorkspaceHasher(Path root, StateDb state, DvcIgnore ignore) {
    this.root = root;
    this.state = state;
    this.ignore = ignore;
  }

  /** Bytes read from disk for hashing (state misses), for tests and benchmarks. */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** The state in use. */
  public StateDb state() {
    return state;
  }

  /** Hashes one file (following a symlink). */
  public EntryHash hashFile(Path file) throws IOException {
    state.scanStart(); // the clock before the stat: a file modified from then on is not trusted later
    BasicFileAttributes a = FileMeta.attributes(file);
    return EntryHash.file(md5(file, FileMeta.of(a)), a.size(), Files.isExecutable(file));
  }

  private String md5(Path file, FileMeta meta) throws IOException {
    String cached = state.get(file, meta);
    if (cached != null) {
      return cached;
    }
    String md5 = Hashing.md5File(file);
    bytesRead.addAndGet(meta.size());
    state.put(file, meta, md5, true);
    return md5;
  }

  /** Hashes a file or directory, whichever {@code p} is; a directory's manifest is not kept. */
  public EntryHash hash(Path p, ProgressMonitor monitor) throws IOException {
    if (Files.isDirectory(p)) {
      return hashDirDigest(p, monitor);
    }
    if (!Files.exists(p)) {
      throw new NoSuchFileException(p.toString());
    }
    return hashFile(p);
  }

  /**
   * Hashes a directory into its {@code .dir} hash, through its index, keeping no manifest: memory
   * does not grow with the number of files.
   */
  public EntryHash hashDirDigest(Path dir, ProgressMonitor monitor) throws IOException {
    DirScan.Result r = scan(dir, (f, m) -> Hashing.md5File(f), null, null, monitor);
    return dirHash(r);
  }

  /**
   * Hashes a directory as {@link #hashDirDigest} does and keeps its whole manifest and the absolute
   * path of each entry in the result: for small directories only (tests, tools); the data path
   * streams the entries instead ({@link #hashDir(Path, ProgressMonitor, EntryConsumer)}).
   */
  public PathHash hashDir(Path dir, ProgressMonitor monitor) throws IOException {
    java.util.List<Manifest.Entry> entries = new java.util.ArrayList<>();
    java.util.Map<String, Path> files = new java.util.LinkedHashMap<>();
    DirScan.Result r = scan(dir, (f, m) -> Hashing.md5File(f), (rel, f, m, md5) -> {
      entries.add(new Manifest.Entry(rel, md5));
      files.put(rel, f);
    }, null, monitor);
    return new PathHash(dirHash(r), new Manifest(entries), files);
  }

  private static EntryHash dirHash(DirScan.Result r) {
    return EntryHash.dir(r.dirMd5() + ".dir", r.size(), r.nfiles());
  }

  /** Receives the entries of a directory's manifest, in order. */
  @FunctionalInterface
  public interface EntryConsumer {
    void accept(String relpath, String md5) throws IOException;
  }

  /** {@link #hashDir(Path, ProgressMonitor)}, handing every manifest entry to {@code entries} on the way. */
  public EntryHash hashDir(Path dir, ProgressMonitor monitor, EntryConsumer entries) throws IOException {
    DirScan.Result r = scan(dir, (f, m) -> Hashing.md5File(f), (rel, f, m, md5) -> entries.accept(rel, md5), null,
        monitor);
    return dirHash(r);
  }

  /**
   * The hash of a directory's legacy (md5-dos2unix) manifest, as a legacy entry records it (under
   * {@code md5}); no index is read or written.
   */
  public EntryHash hashDirLegacy(Path dir, ProgressMonitor monitor) throws IOException {
    return hashDirLegacy(dir, monitor, null);
  }

  /**
   * {@link #hashDirLegacy(Path, ProgressMonitor)}, handing every entry of the legacy manifest to
   * {@code entries} (may be null) on the way.
   */
  public EntryHash hashDirLegacy(Path dir, ProgressMonitor monitor, EntryConsumer entries) throws IOException {
    Path absDir = dir.toAbsolutePath().normalize();
    DirScan.Result r = new DirScan(absDir, relativeToRoot(absDir), ignore, null,
        (f, m) -> Hashing.dos2unixMd5(f, Hashing.Dos2UnixRule.DVC2),
        entries == null ? null : (rel, f, m, md5) -> entries.accept(rel, md5), null, true, false, monitor).run();
    bytesRead.addAndGet(r.bytesRead());
    return dirHash(r);
  }

  /**
   * Scans a directory through its index: {@code work} gives the md5 of each file the index does not
   * know (on worker threads), {@code sink} (may be null) receives every entry in manifest order,
   * {@code manifest} (may be null) the manifest's bytes. The index is rewritten when anything changed.
   */
  DirScan.Result scan(Path dir, DirScan.Work work, DirScan.Sink sink, ManifestWriter manifest, ProgressMonitor monitor)
      throws IOException {
    Path absDir = dir.toAbsolutePath().normalize();
    DirScan.Result r = new DirScan(absDir, relativeToRoot(absDir), ignore, state, work, sink, manifest, true, true,
        monitor).run();
    bytesRead.addAndGet(r.bytesRead());
    return r;
  }

  /**
   * Walks a directory through its index, handing every entry with its md5 to {@code sink} in
   * manifest order; the index is rewritten when anything changed only if {@code writeIndex}.
   */
  DirScan.Result scanEntries(Path dir, DirScan.Sink sink, ProgressMonitor monitor, boolean writeIndex)
      throws IOException {
    Path absDir = dir.toAbsolutePath().normalize();
    DirScan.Result r = new DirScan(absDir, relativeToRoot(absDir), ignore, state, (f, m) -> Hashing.md5File(f), sink,
        null, true, writeIndex, monitor).run();
    bytesRead.addAndGet(r.bytesRead());
    return r;
  }

  /** The root-relative {@code /} form of an absolute path. */
  public String relativeToRoot(Path p) {
    return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
  }

  /** Whether a path (relative to the root) is excluded by {@code .dvcignore}. */
  public boolean isIgnored(String rel, boolean isDir) throws IOException {
    return ignore.isIgnored(rel, isDir);
  }

  static boolean isSymlink(Path p) {
    return Files.isSymbolicLink(p) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
  }
}
