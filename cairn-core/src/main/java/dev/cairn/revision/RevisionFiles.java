package dev.cairn.revision;

import dev.cairn.format.CodePointOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The files of one revision of a repository, addressed by repo-relative POSIX paths ({@code
 * "dir/metrics.json"}, no leading slash). Implementations: {@link WorkspaceFiles}, {@link
 * GitRevisionFiles}, and whatever {@link CachedOutputs} returns; {@link #withFallback} layers two.
 */
public interface RevisionFiles {
  /** A revision with no files at all. */
  RevisionFiles EMPTY = new RevisionFiles() {
    @Override
    public Optional<byte[]> read(String path) {
      return Optional.empty();
    }

    @Override
    public List<String> list(String dir) {
      return List.of();
    }
  };

  /**
   * Reads a file. Returns empty when there is no regular file at {@code path} (missing, or a
   * directory); throws only when the file exists but cannot be read.
   */
  Optional<byte[]> read(String path) throws IOException;

  /**
   * Lists the files under directory {@code dir} recursively, as repo-relative paths in code-point
   * order; {@code ""} is the root. Returns an empty list when {@code dir} is not a directory.
   */
  List<String> list(String dir) throws IOException;

  /** Whether {@code path} is a directory holding at least one file. */
  default boolean isDirectory(String path) throws IOException {
    return !list(path).isEmpty();
  }

  /**
   * This view, with {@code other} consulted for paths this one lacks (used to read DVC-tracked
   * outputs from the cache when Git does not hold them). Listings are merged.
   */
  default RevisionFiles withFallback(RevisionFiles other) {
    RevisionFiles first = this;
    return new RevisionFiles() {
      @Override
      public Optional<byte[]> read(String path) throws IOException {
        Optional<byte[]> b = first.read(path);
        return b.isPresent() ? b : other.read(path);
      }

      @Override
      public List<String> list(String dir) throws IOException {
        LinkedHashSet<String> all = new LinkedHashSet<>(first.list(dir));
        all.addAll(other.list(dir));
        List<String> out = new ArrayList<>(all);
        out.sort(CodePointOrder.INSTANCE);
        return out;
      }
    };
  }

  /** The view of {@code prefix} (a DVC repository below the Git root) inside {@code base}; {@code base} for "". */
  static RevisionFiles subdir(RevisionFiles base, String prefix) {
    return normalize(prefix).isEmpty() ? base : new SubdirFiles(base, prefix);
  }

  /** Normalises a repo-relative path: {@code \} to {@code /}, no {@code ./}, no trailing slash. */
  static String normalize(String path) {
    String p = path.replace('\\', '/');
    List<String> parts = new ArrayList<>();
    for (String s : p.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (!parts.isEmpty() && !parts.get(parts.size() - 1).equals("..")) {
          parts.remove(parts.size() - 1);
          continue;
        }
      }
      parts.add(s);
    }
    return String.join("/", parts);
  }
}
