package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.odb.ObjectDb;
import dev.cairn.repo.Repo;
import dev.cairn.revision.DataIndex;
import dev.cairn.revision.RevisionFiles;
import dev.cairn.revision.Revisions;
import dev.cairn.workspace.DvcIgnore;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code du}: disk usage of a repository's files as DVC sees them — Git's (or the workspace's) files
 * and the DVC-tracked outputs, whether or not their data is present (tracked outputs count with
 * their recorded size), without DVC's own files ({@code *.dvc}, {@code dvc.yaml}, {@code
 * .dvcignore}) and what {@code .dvcignore} excludes. For a directory: each entry's total, then the
 * directory's; for a file: its size. At a Git revision a tracked directory counts as its recorded
 * size; its files are listed (sizes from the cache) only when asked for by path. Read-only.
 */
public final class DuCommand extends RepoCommand<List<DuCommand.Usage>> {
  private String path = "";
  private String rev;
  private boolean summarize;

  DuCommand(Repo repo) {
    super(repo);
  }

  /**
   * One line of the result.
   *
   * @param path the path, as {@code path} was given joined with the entry's name
   * @param size its total size in bytes
   */
  public record Usage(String path, long size) {}

  /** The path inside the repository ({@code ""} or {@code /} for its root), relative to the root. */
  public DuCommand setPath(String p) {
    this.path = p == null ? "" : p;
    return this;
  }

  /** A Git revision to read instead of the workspace. */
  public DuCommand setRev(String r) {
    this.rev = r;
    return this;
  }

  /** Only the total of {@link #setPath path}. */
  public DuCommand setSummarize(boolean b) {
    this.summarize = b;
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  List<Usage> run() throws IOException, CairnException {
    TreeMap<String, Long> files = new TreeMap<>();
    TreeMap<String, Long> dirs = new TreeMap<>(); // tracked directories counted as a whole
    ObjectDb odb = repo.odb();
    DataIndex index;
    if (rev == null) {
      workspaceFiles(files);
      index = DataIndex.recordedInWorkspace(repo);
    } else {
      try (Revisions revs = Revisions.open(repo)) {
        if (!revs.hasGit()) {
          throw CairnException.unexpectedState("--rev needs a Git repository; " + repo.root() + " is not in one");
        }
        RevisionFiles git = revs.gitFiles(rev);
        for (String f : git.list("")) {
          if (!hidden(f)) {
            files.put(f, (long) git.read(f).map(b -> b.length).orElse(0));
          }
        }
        index = DataIndex.recorded(git, odb);
      }
    }
    String key = normalize(path);
    for (DataIndex.Entry e : index.outputs().values()) {
      boolean present = files.containsKey(e.key()) || !under(files, e.key()).isEmpty();
      if (present) {
        continue;
      }
      long size = Math.max(0, e.size());
      if (Boolean.TRUE.equals(e.isDir())) {
        if ((key.equals(e.key()) || key.startsWith(e.key() + "/")) && index.childrenKnown(e.key())) {
          for (DataIndex.Entry c : index.children(e.key())) {
            Path obj = odb.path(c.hash());
            files.put(c.key(), Files.isRegularFile(obj) ? Files.size(obj) : 0L);
          }
        } else {
          dirs.put(e.key(), size);
        }
      } else {
        files.put(e.key(), size);
      }
    }
    if (files.containsKey(key) || dirs.containsKey(key) && summarize) {
      long size = files.containsKey(key) ? files.get(key) : dirs.get(key);
      return List.of(new Usage(path, size));
    }
    if (dirs.containsKey(key)) {
      return List.of(new Usage(path, dirs.get(key)));
    }
    if (!key.isEmpty() && under(files, key).isEmpty() && under(dirs, key).isEmpty()) {
      throw CairnException.invalidInput("'" + path + "' does not exist in " + (rev == null ? "the workspace"
          : "revision '" + rev + "'") + " of " + repo.root());
    }
    long total = sum(under(files, key)) + sum(under(dirs, key));
    if (summarize) {
      return List.of(new Usage(path, total));
    }
    TreeSet<String> names = new TreeSet<>();
    for (String k : concat(under(files, key).keySet(), under(dirs, key).keySet())) {
      String rest = key.isEmpty() ? k : k.substring(key.length() + 1);
      names.add(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
    }
    List<Usage> out = new ArrayList<>();
    for (String n : names) {
      String child = key.isEmpty() ? n : key + "/" + n;
      long size = files.containsKey(child) ? files.get(child) : dirs.containsKey(child) ? dirs.get(child)
          : sum(under(files, child)) + sum(under(dirs, child));
      out.add(new Usage(join(path, n), size));
    }
    out.add(new Usage(path, total));
    return out;
  }

  private static List<String> concat(java.util.Set<String> a, java.util.Set<String> b) {
    List<String> l = new ArrayList<>(a);
    l.addAll(b);
    return l;
  }

  private static String join(String given, String name) {
    if (given.isEmpty()) {
      return name;
    }
    return given.endsWith("/") ? given + name : given + "/" + name;
  }

  private static String normalize(String p) {
    String s = p.replace('\\', '/');
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s.equals(".") ? "" : s;
  }

  /** The entries of {@code m} strictly under directory {@code key} ({@code ""}: all). */
  private static Map<String, Long> under(TreeMap<String, Long> m, String key) {
    if (key.isEmpty()) {
      return m;
    }
    return m.subMap(key + "/", key + "0"); // '0' follows '/' in code-point order
  }

  private static long sum(Map<String, Long> m) {
    long s = 0;
    for (long v : m.values()) {
      s += v;
    }
    return s;
  }

  /** DVC's file system leaves out its own files: {@code *.dvc}, {@code dvc.yaml}, {@code .dvcignore}. */
  private static boolean hidden(String rel) {
    String name = rel.substring(rel.lastIndexOf('/') + 1);
    return name.endsWith(".dvc") || name.equals("dvc.yaml") || name.equals(DvcIgnore.FILE);
  }

  private void workspaceFiles(Map<String, Long> files) throws IOException {
    Path root = repo.root();
    DvcIgnore ignore = new DvcIgnore(root);
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) throws IOException {
        if (d.equals(root)) {
          return FileVisitResult.CONTINUE;
        }
        return ignore.matchesSelf(repo.relativize(d), true) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        String rel = repo.relativize(f);
        if (a.isDirectory() || hidden(rel) || ignore.matchesSelf(rel, false)) {
          return FileVisitResult.CONTINUE;
        }
        long size = a.isSymbolicLink() && Files.exists(f) ? Files.size(f) : a.size();
        if (!Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
          return FileVisitResult.CONTINUE;
        }
        files.put(rel, size);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
