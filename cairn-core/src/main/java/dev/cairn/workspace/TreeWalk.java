package dev.cairn.workspace;

import dev.cairn.format.CodePointOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Walks a directory's files in the order of their {@code /}-separated relative paths by code point,
 * the order of a {@code .dir} manifest, so that a manifest and the state's index can be built and
 * compared as the walk goes, without holding the tree: only the entries of the directories on the
 * current path (and of a few listed ahead) are in memory. Each entry is {@code lstat}ed once; a
 * symlink to a file is followed (its target's stat), a symlink to a directory is skipped (DVC does
 * not descend into it), a broken one fails. What {@code .dvcignore} excludes is skipped, and a
 * {@code .dvcignore} inside the walked directory fails, as in DVC.
 *
 * <p>The stat calls, most of a walk's time, run on several threads as Git's preloaded index does:
 * the next subdirectories are listed ahead of the walk, and the entries of a large directory are
 * stat'ed in slices at once. The visitor is called on the walking thread, in order.
 */
final class TreeWalk {
  /** Receives each file, in order. */
  interface Visitor {
    /** A file: its relative path, its directory and name (resolved only where needed), its stat data. */
    void file(String relInDir, Path dir, String name, FileMeta meta) throws IOException;
  }

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
  /** Subdirectories listed ahead of the walk. */
  private static final int AHEAD = 4;
  /** Entries of one directory stat'ed per slice; a larger directory is stat'ed in parallel slices. */
  private static final int SLICE = 1024;

  private static final ExecutorService LISTERS = Executors.newFixedThreadPool(
      Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "cairn-walk");
        t.setDaemon(true);
        return t;
      });

  /**
   * One child of a listed directory: its sort key is its name, plus {@code /} for a directory (whose
   * {@code meta} is null). Kept small, since a flat directory of a million files lists a million.
   */
  private record Child(String key, FileMeta meta) {}

  private static final Comparator<Child> ORDER = (a, b) -> CodePointOrder.INSTANCE.compare(a.key, b.key);

  private final Path absDir;
  private final String relBase;
  private final DvcIgnore ignore;

  /**
   * @param absDir the directory to walk, absolute and normalised
   * @param relBase its path relative to the repository root ({@code ""} for the root), for ignore rules
   */
  TreeWalk(Path absDir, String relBase, DvcIgnore ignore) {
    this.absDir = absDir;
    this.relBase = relBase;
    this.ignore = ignore;
  }

  void walk(Visitor v) throws IOException {
    walk(absDir, "", listed(absDir, "", true), v);
  }

  private void walk(Path dir, String prefix, List<Child> children, Visitor v) throws IOException {
    List<Future<List<Child>>> ahead = new ArrayList<>();
    List<Integer> dirs = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      if (children.get(i).meta == null) {
        dirs.add(i);
      }
    }
    int submitted = 0;
    int taken = 0;
    try {
      for (Child c : children) {
        if (c.meta != null) {
          v.file(prefix + c.key, dir, c.key, c.meta);
          continue;
        }
        while (submitted < dirs.size() && submitted < taken + AHEAD) {
          Child d = children.get(dirs.get(submitted++));
          Path sub = dir.resolve(name(d));
          String subPrefix = prefix + d.key;
          ahead.add(LISTERS.submit(() -> listed(sub, subPrefix, false)));
        }
        List<Child> sub = take(ahead.get(taken));
        ahead.set(taken++, null);
        walk(dir.resolve(name(c)), prefix + c.key, sub, v);
      }
    } finally {
      for (Future<List<Child>> f : ahead) {
        if (f != null) {
          f.cancel(false);
        }
      }
    }
  }

  private static String name(Child dir) {
    return dir.key.substring(0, dir.key.length() - 1);
  }

  private static <T> T take(Future<T> f) throws IOException {
    return take(f, () -> "Interrupted while walking");
  }

  /**
   * Waits for {@code f} and rethrows what it failed with: an {@link IOException} (also one wrapped
   * in an {@link UncheckedIOException}), a runtime exception or an error as is, anything else
   * wrapped in an {@link IOException}; an interruption keeps the interrupt flag and becomes an
   * {@link IOException} with the message {@code whenInterrupted} gives.
   */
  static <T> T take(Future<T> f, Supplier<String> whenInterrupted) throws IOException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      }
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new IOException(c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(whenInterrupted.get(), e);
    }
  }

  /**
   * The children of one directory, stat'ed and sorted. Each entry is stat'ed relative to the open
   * directory ({@code fstatat} through a {@link SecureDirectoryStream}, where the platform has one),
   * so the kernel resolves one name, not the whole path. With {@code slices} (only on the walking
   * thread, so that no listing thread ever waits for another and the pool cannot deadlock), a
   * directory of more than {@link #SLICE} entries has them stat'ed in slices on the listing threads too.
   */
  private List<Child> listed(Path dir, String prefix, boolean slices) throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      List<String> entries = new ArrayList<>(); // names, not paths: a flat directory may hold a million
      for (Path p : ds) {
        entries.add(p.getFileName().toString());
      }
      @SuppressWarnings("unchecked")
      SecureDirectoryStream<Path> sds = ds instanceof SecureDirectoryStream<?> s ? (SecureDirectoryStream<Path>) s : null;
      int n = entries.size();
      Child[] out = new Child[n];
      if (!slices || n <= SLICE) {
        stat(sds, dir, entries, 0, n, prefix, out);
      } else {
        List<Future<?>> parts = new ArrayList<>();
        for (int from = SLICE; from < n; from += SLICE) {
          int a = from;
          int b = Math.min(n, from + SLICE);
          parts.add(LISTERS.submit(() -> {
            stat(sds, dir, entries, a, b, prefix, out);
            return null;
          }));
        }
        try {
          stat(sds, dir, entries, 0, SLICE, prefix, out);
        } finally {
          for (Future<?> f : parts) {
            take(f);
          }
        }
      }
      List<Child> children = new ArrayList<>(n);
      for (Child c : out) {
        if (c != null) {
          children.add(c);
        }
      }
      children.sort(ORDER);
      return children;
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
  }

  /** The attributes of an entry of an open directory, relative to it where possible. */
  private static BasicFileAttributes attributes(SecureDirectoryStream<Path> sds, Path dir, String name,
      LinkOption... options) throws IOException {
    if (sds != null) {
      try {
        return sds.getFileAttributeView(dir.getFileSystem().getPath(name), PosixFileAttributeView.class, options)
            .readAttributes();
      } catch (UnsupportedOperationException e) {
        // below
      }
    }
    return FileMeta.attributes(dir.resolve(name), options);
  }

  /** Stats entries {@code [from, to)} into {@code out} (null for what is skipped). */
  private void stat(SecureDirectoryStream<Path> sds, Path dir, List<String> entries, int from, int to, String prefix,
      Child[] out) throws IOException {
    for (int i = from; i < to; i++) {
      String name = entries.get(i);
      String relInDir = prefix + name;
      BasicFileAttributes a = attributes(sds, dir, name, NOFOLLOW);
      if (a.isDirectory()) {
        if (!ignore.matchesSelf(rootRel(relInDir), true)) {
          out[i] = new Child(name + "/", null);
        }
        continue;
      }
      if (a.isSymbolicLink()) {
        try {
          a = attributes(sds, dir, name);
        } catch (NoSuchFileException e) {
          throw new IOException("Broken symlink in tracked directory: " + dir.resolve(name));
        }
        if (a.isDirectory()) {
          continue; // directory symlinks are not descended (DVC)
        }
      } else if (!a.isRegularFile()) {
        continue;
      }
      if (ignore.matchesSelf(rootRel(relInDir), false)) {
        continue;
      }
      if (name.equals(DvcIgnore.FILE)) {
        throw new IOException(".dvcignore file should not be in collected dir path: '" + dir.resolve(name) + "'");
      }
      out[i] = new Child(name, FileMeta.of(a));
    }
  }

  private String rootRel(String relInDir) {
    return relBase.isEmpty() ? relInDir : relBase + "/" + relInDir;
  }
}
