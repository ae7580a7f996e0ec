package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.odb.ObjectDb;
import dev.cairn.repo.Repo;
import dev.cairn.revision.DataDiff;
import dev.cairn.revision.DataIndex;
import dev.cairn.revision.Revisions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@code data status}: DVC's {@code dvc data status} — what changed between the last commit, the
 * hashes the workspace's {@code .dvc} files and {@code dvc.lock} record, and the workspace. {@code
 * committed}: recorded hashes that differ from HEAD's (commit the DVC files to Git); {@code
 * uncommitted}: workspace data that differs from the recorded hashes ({@code cairn commit} or {@code
 * cairn checkout}); {@code not_in_cache}: recorded objects missing from the cache; {@code
 * unchanged}; {@code untracked}: files Git does not track (on request). Directories are compared
 * as a whole, or file by file with {@link #setGranular(boolean)}. Read-only (the state cache aside).
 */
public final class DataStatusCommand extends RepoCommand<DataStatusCommand.DataStatus> {
  private final List<Path> targets = new ArrayList<>();
  private boolean granular;
  private boolean untracked;

  DataStatusCommand(Repo repo) {
    super(repo);
  }

  /**
   * The status, in DVC's shape.
   *
   * @param notInCache paths whose recorded object is missing from the cache
   * @param committed changes of the recorded hashes since HEAD: {@code added}, {@code modified},
   *     {@code deleted}, {@code renamed} (items {@code {"old", "new"}}), {@code unknown}
   * @param uncommitted changes of the workspace against the recorded hashes, same keys
   * @param untracked files Git does not track, relative to the repository root (only when asked)
   * @param unchanged paths unchanged in both
   * @param gitEmpty whether the Git repository has no commit yet
   * @param gitDirty whether Git sees staged or unstaged changes (or untracked files, when asked)
   * @param git whether the repository is in Git at all
   */
  public record DataStatus(List<String> notInCache, Map<String, List<Object>> committed,
      Map<String, List<Object>> uncommitted, List<String> untracked, List<String> unchanged, boolean gitEmpty,
      boolean gitDirty, boolean git) {
    /** DVC's JSON: empty parts left out, {@code unchanged} and {@code untracked} only when asked for. */
    public Map<String, Object> toJson(boolean withUnchanged, boolean withUntracked) {
      Map<String, Object> m = new LinkedHashMap<>();
      if (!notInCache.isEmpty()) {
        m.put("not_in_cache", notInCache);
      }
      if (!committed.isEmpty()) {
        m.put("committed", committed);
      }
      if (!uncommitted.isEmpty()) {
        m.put("uncommitted", uncommitted);
      }
      if (withUntracked && !untracked.isEmpty()) {
        m.put("untracked", untracked);
      }
      if (withUnchanged && !unchanged.isEmpty()) {
        m.put("unchanged", unchanged);
      }
      return m;
    }
  }

  /** Limit to these tracked files or directories (a path inside a tracked directory works too). */
  public DataStatusCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  /** Compare the files inside tracked directories one by one ({@code --granular}). */
  public DataStatusCommand setGranular(boolean b) {
    granular = b;
    return this;
  }

  /** Also list the files Git does not track ({@code --untracked-files}). */
  public DataStatusCommand setUntracked(boolean b) {
    untracked = b;
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  DataStatus run() throws IOException, CairnException {
    List<String> filter = new ArrayList<>();
    for (Path t : targets) {
      Path abs = repo.root().resolve(t).toAbsolutePath().normalize();
      if (!abs.startsWith(repo.root())) {
        throw CairnException.invalidInput("'" + t + "' is outside the repository " + repo.root());
      }
      filter.add(repo.relativize(abs));
    }
    ObjectDb odb = repo.odb();
    DataIndex index = DataIndex.recordedInWorkspace(repo);
    DataIndex workspace = DataIndex.workspace(index, repo.root(), repo.hasher(), monitor);
    DataDiff.Options opts = new DataDiff.Options(!granular, true, true, true, true);
    Map<String, List<Object>> uncommitted = new LinkedHashMap<>();
    Set<String> unchanged = new LinkedHashSet<>();
    List<String> notInCache = new ArrayList<>();
    for (DataDiff.Change c : DataDiff.diff(index, workspace, opts)) {
      if (!accept(c, filter)) {
        continue;
      }
      if (c.old() != null && c.old().hash() != null && !odb.exists(c.old().hash())) {
        notInCache.add(c.old().path());
      }
      if (c.type() == DataDiff.Type.UNCHANGED) {
        unchanged.add(path(c));
      } else {
        add(uncommitted, c);
      }
    }
    boolean git;
    boolean empty = false;
    boolean dirty = false;
    Map<String, List<Object>> committed = new LinkedHashMap<>();
    List<String> untrackedFiles = new ArrayList<>();
    try (Revisions revs = Revisions.open(repo)) {
      git = revs.hasGit();
      if (git) {
        empty = !revs.hasCommits();
        DataIndex head = empty ? DataIndex.empty() : DataIndex.recorded(revs.gitFiles("HEAD"), odb);
        Set<String> headUnchanged = new LinkedHashSet<>();
        for (DataDiff.Change c : DataDiff.diff(head, index, opts)) {
          if (!accept(c, filter)) {
            continue;
          }
          if (c.type() == DataDiff.Type.UNCHANGED) {
            headUnchanged.add(path(c));
          } else {
            add(committed, c);
          }
        }
        unchanged.retainAll(headUnchanged);
        dirty = revs.isDirty();
      }
    }
    if (git && untracked) {
      untrackedFiles = untrackedFiles(filter);
      dirty |= !untrackedFiles.isEmpty();
    }
    return new DataStatus(notInCache, committed, uncommitted, untrackedFiles, new ArrayList<>(unchanged), empty,
        dirty, git);
  }

  /** DVC's filtering: the entry must lie at or under a target; hash-less unchanged and old-only unknown are dropped. */
  private static boolean accept(DataDiff.Change c, List<String> filter) {
    if (c.type() == DataDiff.Type.UNCHANGED && (c.old() == null || c.old().hash() == null)
        && (c.current() == null || c.current().hash() == null)) {
      return false;
    }
    if (c.type() == DataDiff.Type.UNKNOWN && c.current() == null) {
      return false;
    }
    if (filter.isEmpty()) {
      return true;
    }
    String key = c.key();
    for (String f : filter) {
      if (key.equals(f) || key.startsWith(f + "/")) {
        return true;
      }
    }
    return false;
  }

  /** The path DVC shows: a directory's (by its new entry, else its old one) ends with {@code /}. */
  private static String path(DataDiff.Change c) {
    DataIndex.Entry e = c.current() != null && c.current().isDir() != null ? c.current() : c.old();
    boolean dir = e != null && Boolean.TRUE.equals(e.isDir());
    return dir ? c.key() + "/" : c.key();
  }

  private static void add(Map<String, List<Object>> m, DataDiff.Change c) {
    String key = switch (c.type()) {
      case ADD -> "added";
      case DELETE -> "deleted";
      case MODIFY -> "modified";
      case RENAME -> "renamed";
      case UNKNOWN -> "unknown";
      default -> "unchanged";
    };
    Object item;
    if (c.type() == DataDiff.Type.RENAME) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("old", c.old().path());
      r.put("new", c.current().path());
      item = r;
    } else {
      item = path(c);
    }
    m.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
  }

  /** Files Git does not track (not ignored), relative to the repository root, limited to the targets. */
  private List<String> untrackedFiles(List<String> filter) throws IOException {
    FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(repo.root().toFile());
    try (Repository r = b.build(); Git g = Git.wrap(r)) {
      Path top = r.getWorkTree().toPath().toAbsolutePath().normalize();
      String prefix = top.relativize(repo.root()).toString().replace('\\', '/');
      List<String> out = new ArrayList<>();
      for (String f : new java.util.TreeSet<>(g.status().call().getUntracked())) {
        if (!prefix.isEmpty()) {
          if (!f.startsWith(prefix + "/")) {
            continue;
          }
          f = f.substring(prefix.length() + 1);
        }
        String file = f;
        if (filter.isEmpty() || filter.stream().anyMatch(t -> file.equals(t) || file.startsWith(t + "/"))) {
          out.add(f);
        }
      }
      return out;
    } catch (GitAPIException e) {
      throw new IOException("Cannot read the Git status of " + repo.root() + ": " + e.getMessage(), e);
    }
  }
}
