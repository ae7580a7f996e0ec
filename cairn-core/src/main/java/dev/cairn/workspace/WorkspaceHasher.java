package dev.cairn.workspace;

import dev.cairn.hash.EntryHash;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.Manifest;
import dev.cairn.progress.ProgressMonitor;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hashes workspace files and directories as DVC does (dvc-format.md §1.1, §1.4), asking the
 * {@link StateDb} first so that unchanged files are never read. Directory walks do not follow
 * directory symlinks (their contents are omitted, as in DVC), follow file symlinks, skip what
 * {@code .dvcignore} ignores and refuse a {@code .dvcignore} inside the tracked directory.
 */
public final class WorkspaceHasher {
  private final Path root;
  private final StateDb state;
  private final DvcIgnore ignore;
  private long bytesRead;

  public WorkspaceHasher(Path root, StateDb state, DvcIgnore ignore) {
    this.root = root;
    this.state = state;
    this.ignore = ignore;
  }

  /** Bytes read from disk for hashing (state misses), for tests and benchmarks. */
  public long bytesRead() {
    return bytesRead;
  }

  /** The state database in use. */
  public StateDb state() {
    return state;
  }

  String key(Path p) {
    return p.toAbsolutePath().normalize().toString();
  }

  /** Hashes one file (following a symlink). */
  public EntryHash hashFile(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    return EntryHash.file(md5(file, a), a.size(), Files.isExecutable(file));
  }

  String md5(Path file, BasicFileAttributes a) throws IOException {
    StateDb.Stamp stamp = FileStamp.of(a);
    String k = key(file);
    String cached = state.get(k, stamp);
    if (cached != null) {
      return cached;
    }
    String md5 = Hashing.md5File(file);
    bytesRead += a.size();
    state.put(k, stamp, md5);
    return md5;
  }

  /** Hashes a file or directory, whichever {@code p} is. */
  public EntryHash hash(Path p, ProgressMonitor monitor) throws IOException {
    if (Files.isDirectory(p)) {
      return hashDir(p, monitor).hash();
    }
    if (!Files.exists(p)) {
      throw new NoSuchFileException(p.toString());
    }
    return hashFile(p);
  }

  /**
   * Work done per file of a directory: given the file and its hash if the state knows it (else
   * null), returns the hash. The default only hashes; committing to the cache hashes while copying.
   */
  @FunctionalInterface
  public interface FileFn {
    String apply(Path file, String knownMd5) throws IOException;
  }

  /** Hashes a directory into its manifest. */
  public PathHash hashDir(Path dir, ProgressMonitor monitor) throws IOException {
    return hashDir(dir, monitor, (f, known) -> known != null ? known : Hashing.md5File(f), true);
  }

  /**
   * The hash of a directory's legacy (md5-dos2unix) manifest, as a legacy entry records it (under
   * {@code md5}); nothing is remembered in the state.
   */
  public EntryHash hashDirLegacy(Path dir, ProgressMonitor monitor) throws IOException {
    return hashDir(dir, monitor, (f, known) -> Hashing.dos2unixMd5(f, Hashing.Dos2UnixRule.DVC2), false).hash();
  }

  /** Walks a directory, calling {@code fn} for every file (in parallel), and builds its manifest. */
  public PathHash hashDir(Path dir, ProgressMonitor monitor, FileFn fn, boolean remember) throws IOException {
    Path absDir = dir.toAbsolutePath().normalize();
    String relBase = root.relativize(absDir).toString().replace('\\', '/');
    Map<String, Object[]> known = state.loadPrefix(absDir.toString() + "/");
    List<Object[]> found = new ArrayList<>(); // {relpath, path, attrs}
    Files.walkFileTree(absDir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
        if (d.equals(absDir)) {
          return FileVisitResult.CONTINUE;
        }
        String rel = relBase.isEmpty() ? root.relativize(d).toString() : relBase + "/" + absDir.relativize(d);
        return ignore.matchesSelf(rel.replace('\\', '/'), true) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        String relInDir = absDir.relativize(f).toString().replace('\\', '/');
        String rel = relBase.isEmpty() ? relInDir : relBase + "/" + relInDir;
        BasicFileAttributes a = attrs;
        if (attrs.isSymbolicLink()) {
          if (Files.isDirectory(f)) {
            return FileVisitResult.CONTINUE; // directory symlinks are not descended (DVC)
          }
          try {
            a = Files.readAttributes(f, BasicFileAttributes.class);
          } catch (NoSuchFileException e) {
            throw new IOException("Broken symlink in tracked directory: " + f);
          }
        } else if (!attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        if (ignore.matchesSelf(rel, false)) {
          return FileVisitResult.CONTINUE;
        }
        if (f.getFileName().toString().equals(DvcIgnore.FILE)) {
          throw new IOException(".dvcignore file should not be in collected dir path: '" + f + "'");
        }
        found.add(new Object[] {relInDir, f, a});
        return FileVisitResult.CONTINUE;
      }
    });
    monitor.beginTask("Hashing " + (relBase.isEmpty() ? "." : relBase), found.size());
    int n = found.size();
    String[] md5s = new String[n];
    boolean[] missed = new boolean[n];
    java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
    try {
      java.util.stream.IntStream range = java.util.stream.IntStream.range(0, n);
      (n > 64 ? range.parallel() : range).forEach(i -> {
        Object[] e = found.get(i);
        Path f = (Path) e[1];
        BasicFileAttributes a = (BasicFileAttributes) e[2];
        Object[] row = known.get(f.toString());
        String k = remember && row != null && row[0].equals(FileStamp.of(a)) ? (String) row[1] : null;
        try {
          if (monitor.isCancelled()) {
            throw new IOException("Cancelled");
          }
          md5s[i] = fn.apply(f, k);
        } catch (IOException ex) {
          throw new java.io.UncheckedIOException(ex);
        }
        if (k == null) {
          missed[i] = true;
          read.addAndGet(a.size());
        }
        monitor.update(1);
      });
    } catch (java.io.UncheckedIOException ex) {
      throw ex.getCause();
    }
    bytesRead += read.get();
    List<Manifest.Entry> entries = new ArrayList<>(n);
    Map<String, Path> files = new LinkedHashMap<>();
    long size = 0;
    for (int i = 0; i < n; i++) {
      Object[] e = found.get(i);
      String relInDir = (String) e[0];
      Path f = (Path) e[1];
      BasicFileAttributes a = (BasicFileAttributes) e[2];
      state.recordHit(!missed[i]);
      if (missed[i] && remember) {
        state.put(f.toString(), FileStamp.of(a), md5s[i]);
      }
      entries.add(new Manifest.Entry(relInDir, md5s[i]));
      files.put(relInDir, f);
      size += a.size();
    }
    monitor.endTask();
    Manifest m = new Manifest(entries);
    return new PathHash(EntryHash.dir(m.oid(), size, entries.size()), m, files);
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
