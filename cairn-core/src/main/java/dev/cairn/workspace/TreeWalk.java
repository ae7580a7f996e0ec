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
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Walks a directory's files in the order of their {@code /}-separated relative paths by code point,
 * the order of a {@code .dir} manifest, so that a manifest and the state's index can be built and
 * compared as the walk goes, without holding the tree: only the entries of the directories on the
 * current path are in memory. Each entry is {@code lstat}ed once; a symlink to a file is followed (its
 * target's stat), a symlink to a directory is skipped (DVC does not descend into it), a broken one
 * fails. What {@code .dvcignore} excludes is skipped, and a {@code .dvcignore} inside the walked
 * directory fails, as in DVC.
 */
final class TreeWalk {
  /** Receives each file, in order. */
  interface Visitor {
    void file(String relInDir, Path path, FileMeta meta) throws IOException;
  }

  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

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
    walk(absDir, "", v);
  }

  private void walk(Path dir, String prefix, Visitor v) throws IOException {
    List<Child> children = list(dir, prefix);
    for (Child c : children) {
      if (c.meta == null) {
        walk(dir.resolve(c.key.substring(0, c.key.length() - 1)), prefix + c.key, v);
      } else {
        v.file(prefix + c.key, dir.resolve(c.key), c.meta);
      }
    }
  }

  private List<Child> list(Path dir, String prefix) throws IOException {
    List<Child> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        String relInDir = prefix + name;
        BasicFileAttributes a = FileMeta.attributes(p, NOFOLLOW);
        if (a.isDirectory()) {
          if (!ignore.matchesSelf(rootRel(relInDir), true)) {
            out.add(new Child(name + "/", null));
          }
          continue;
        }
        if (a.isSymbolicLink()) {
          if (Files.isDirectory(p)) {
            continue; // directory symlinks are not descended (DVC)
          }
          try {
            a = FileMeta.attributes(p);
          } catch (NoSuchFileException e) {
            throw new IOException("Broken symlink in tracked directory: " + p);
          }
        } else if (!a.isRegularFile()) {
          continue;
        }
        if (ignore.matchesSelf(rootRel(relInDir), false)) {
          continue;
        }
        if (name.equals(DvcIgnore.FILE)) {
          throw new IOException(".dvcignore file should not be in collected dir path: '" + p + "'");
        }
        out.add(new Child(name, FileMeta.of(a)));
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    out.sort(ORDER);
    return out;
  }

  private String rootRel(String relInDir) {
    return relBase.isEmpty() ? relInDir : relBase + "/" + relInDir;
  }
}
