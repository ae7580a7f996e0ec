package dev.cairn.workspace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * The {@code .gitignore} entries {@code add} writes (dvc-format.md §5.2): {@code /<name>} in the
 * output's directory, pattern characters escaped, a newline added first when the file lacks one,
 * nothing added when the line is already there. A no-op outside Git.
 */
public final class GitIgnores {
  private final Path root;
  private Boolean enabled;

  private GitIgnores(Path root) {
    this.root = root;
  }

  /**
   * For a repository root: enabled when it is inside a Git work tree. Decided on first use, so that
   * a command that writes no ignore line (a no-op {@code repro}) does not look for Git at all.
   */
  public static GitIgnores forRepo(Path root) {
    return new GitIgnores(root);
  }

  private synchronized boolean enabled() {
    if (enabled == null) {
      enabled = Files.exists(root.resolve(".git")) || gitDir(root) != null;
    }
    return enabled;
  }

  static java.io.File gitDir(Path root) {
    return new FileRepositoryBuilder().findGitDir(root.toFile()).getGitDir();
  }

  /** The line DVC writes for a name: {@code /name} with {@code ! * # [ ] ?} escaped. */
  static String line(String name) {
    StringBuilder sb = new StringBuilder("/");
    for (char c : name.toCharArray()) {
      if ("!*#[]?".indexOf(c) >= 0) {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.toString();
  }

  /** Adds the ignore line for an output. */
  public void ignore(Path output) throws IOException {
    if (!enabled()) {
      return;
    }
    Path gi = output.getParent().resolve(".gitignore");
    String entry = line(output.getFileName().toString());
    String text = Files.isRegularFile(gi) ? Files.readString(gi, StandardCharsets.UTF_8) : "";
    List<String> lines = text.lines().toList();
    if (lines.contains(entry)) {
      return;
    }
    String updated = text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + entry + "\n";
    write(gi, updated);
  }

  /** Removes the ignore line for an output (when it stops being tracked). */
  public void unignore(Path output) throws IOException {
    if (!enabled()) {
      return;
    }
    Path gi = output.getParent().resolve(".gitignore");
    if (!Files.isRegularFile(gi)) {
      return;
    }
    String entry = line(output.getFileName().toString());
    String text = Files.readString(gi, StandardCharsets.UTF_8);
    List<String> lines = new java.util.ArrayList<>(text.lines().toList());
    if (!lines.remove(entry)) {
      return;
    }
    if (lines.isEmpty()) {
      Files.delete(gi);
    } else {
      write(gi, String.join("\n", lines) + "\n");
    }
  }

  private static void write(Path gi, String text) throws IOException {
    Path tmp = gi.resolveSibling(".gitignore.cairn.tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, gi, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Returns the Git-tracked path that equals {@code rel} or lies under it, or null (also outside
   * Git). {@code rel} is relative to the repository root, which may be below the Git top level.
   */
  public static String trackedByGit(Path root, String rel) throws IOException {
    java.io.File gitDir = gitDir(root);
    if (gitDir == null) {
      return null;
    }
    try (Repository r = new FileRepositoryBuilder().setGitDir(gitDir).setFS(FS.DETECTED).build()) {
      if (r.isBare()) {
        return null;
      }
      Path top = r.getWorkTree().toPath().toAbsolutePath().normalize();
      String full = top.relativize(root.resolve(rel).toAbsolutePath().normalize()).toString().replace('\\', '/');
      DirCache dc = r.readDirCache();
      int i = dc.findEntry(full);
      if (i >= 0) {
        return full;
      }
      int next = -(i + 1);
      if (next < dc.getEntryCount()) {
        String p = dc.getEntry(next).getPathString();
        if (p.startsWith(full + "/")) {
          return p;
        }
      }
      return null;
    }
  }

  /**
   * Whether Git ignores {@code rel} (relative to the repository root) by the {@code .gitignore}
   * files from the Git top level down and {@code .git/info/exclude}: an ignored ancestor directory
   * ignores it, otherwise the last matching pattern decides. False outside Git.
   */
  public static boolean isIgnoredByGit(Path root, String rel) throws IOException {
    java.io.File gitDir = gitDir(root);
    if (gitDir == null) {
      return false;
    }
    Path top;
    try (Repository r = new FileRepositoryBuilder().setGitDir(gitDir).setFS(FS.DETECTED).build()) {
      if (r.isBare()) {
        return false;
      }
      top = r.getWorkTree().toPath().toAbsolutePath().normalize();
    }
    String full = top.relativize(root.resolve(rel).toAbsolutePath().normalize()).toString().replace('\\', '/');
    String[] parts = full.split("/");
    org.eclipse.jgit.ignore.IgnoreNode exclude = node(gitDir.toPath().resolve("info").resolve("exclude"));
    String prefix = "";
    for (int i = 0; i < parts.length; i++) {
      prefix = i == 0 ? parts[0] : prefix + "/" + parts[i];
      boolean dir = i < parts.length - 1;
      Boolean verdict = exclude == null ? null : exclude.checkIgnored(prefix, dir);
      String base = "";
      for (int j = 0; j <= i; j++) {
        org.eclipse.jgit.ignore.IgnoreNode n = node(top.resolve(base).resolve(".gitignore"));
        if (n != null) {
          Boolean v = n.checkIgnored(prefix.substring(base.isEmpty() ? 0 : base.length() + 1), dir);
          if (v != null) {
            verdict = v;
          }
        }
        base = j == 0 ? parts[0] : base + "/" + parts[j];
      }
      if (Boolean.TRUE.equals(verdict)) {
        return true;
      }
    }
    return false;
  }

  private static org.eclipse.jgit.ignore.IgnoreNode node(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    org.eclipse.jgit.ignore.IgnoreNode n = new org.eclipse.jgit.ignore.IgnoreNode();
    try (java.io.InputStream in = Files.newInputStream(file)) {
      n.parse(in);
    }
    return n;
  }
}
