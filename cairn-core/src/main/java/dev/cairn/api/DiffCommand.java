package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.format.CodePointOrder;
import dev.cairn.hash.HashInfo;
import dev.cairn.odb.ObjectDb;
import dev.cairn.repo.Repo;
import dev.cairn.revision.DataDiff;
import dev.cairn.revision.DataIndex;
import dev.cairn.revision.Revisions;
import dev.cairn.workspace.DvcFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code diff}: the data that changed between two commits, or between a commit and the workspace,
 * as {@code dvc diff} computes it — every cached output of {@code .dvc} files and stages, and the
 * files inside tracked directories (read from their {@code .dir} manifests in the cache): {@code
 * added}, {@code deleted}, {@code modified}, {@code renamed} (deleted and added with the same hash);
 * against the workspace also {@code not in cache} (recorded at the old commit, object missing from
 * the cache). A directory's path ends with {@code /}. Read-only.
 */
public final class DiffCommand extends RepoCommand<DiffCommand.DiffResult> {
  /** The categories, in DVC's order. */
  public static final List<String> CATEGORIES = List.of("added", "deleted", "modified", "renamed", "not in cache");

  private String a = "HEAD";
  private String b;
  private final List<Path> targets = new ArrayList<>();

  DiffCommand(Repo repo) {
    super(repo);
  }

  /**
   * One changed path.
   *
   * @param path the path, or for a rename the new one
   * @param oldPath for a rename the old path, else null
   * @param oldHash the hash before ({@code null} for an addition)
   * @param newHash the hash after ({@code null} for a deletion; for a rename, the same as before)
   */
  public record Item(String path, String oldPath, String oldHash, String newHash) {}

  /**
   * The changes by category ({@link #CATEGORIES}), each sorted by path (a rename by its old path);
   * empty categories are absent.
   */
  public record DiffResult(Map<String, List<Item>> changes) {
    public DiffResult {
      changes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(changes));
    }

    /** DVC's JSON shape: {@code {"added": [{"path", "hash"}], "renamed": [{"path": {"old", "new"}, "hash"}] …}}. */
    public Map<String, Object> toJson(boolean showHash) {
      Map<String, Object> m = new LinkedHashMap<>();
      changes.forEach((cat, items) -> {
        List<Object> l = new ArrayList<>();
        for (Item i : items) {
          Map<String, Object> e = new LinkedHashMap<>();
          if (i.oldPath() != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("old", i.oldPath());
            p.put("new", i.path());
            e.put("path", p);
          } else {
            e.put("path", i.path());
          }
          if (showHash) {
            if (cat.equals("modified")) {
              Map<String, Object> h = new LinkedHashMap<>();
              h.put("old", i.oldHash());
              h.put("new", i.newHash());
              e.put("hash", h);
            } else {
              e.put("hash", cat.equals("added") ? i.newHash() : i.oldHash());
            }
          }
          l.add(e);
        }
        m.put(cat, l);
      });
      return m;
    }
  }

  /** The old revision ({@code HEAD} by default). */
  public DiffCommand setOld(String rev) {
    this.a = rev;
    return this;
  }

  /** The new revision; null (the default) compares with the workspace. */
  public DiffCommand setNew(String rev) {
    this.b = rev;
    return this;
  }

  /** Limit to these outputs, paths inside tracked directories, or {@code .dvc} files. */
  public DiffCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  DiffResult run() throws IOException, CairnException {
    try (Revisions revs = Revisions.open(repo)) {
      if (!revs.hasGit()) {
        throw CairnException.unexpectedState("diff compares Git commits, and " + repo.root()
            + " is not in a Git repository");
      }
      if (!revs.hasCommits()) {
        return new DiffResult(Map.of());
      }
      boolean workspace = b == null;
      ObjectDb odb = repo.odb();
      DataIndex old = DataIndex.recorded(revs.gitFiles(a), odb);
      DataIndex current;
      if (workspace) {
        DataIndex recorded = DataIndex.recordedInWorkspace(repo);
        current = DataIndex.workspace(recorded, repo.root(), repo.hasher(), monitor);
      } else {
        if (revs.resolve(a).equals(revs.resolve(b))) {
          return new DiffResult(Map.of());
        }
        current = DataIndex.recorded(revs.gitFiles(b), odb);
      }
      List<String> keys = targetKeys(old, current);
      Map<String, List<Item>> cats = new LinkedHashMap<>();
      CATEGORIES.forEach(c -> cats.put(c, new ArrayList<>()));
      for (DataDiff.Change c : DataDiff.diff(old, current, new DataDiff.Options(false, false, workspace, true, true))) {
        DataIndex.Entry o = c.old();
        DataIndex.Entry n = c.current();
        if (o != null && Boolean.TRUE.equals(o.isDir()) && o.hash() == null
            || n != null && Boolean.TRUE.equals(n.isDir()) && n.hash() == null) {
          continue;
        }
        if (!selected(keys, o) && !selected(keys, n)) {
          continue;
        }
        switch (c.type()) {
          case ADD -> cats.get("added").add(new Item(n.path(), null, null, value(n.hash())));
          case DELETE -> cats.get("deleted").add(new Item(o.path(), null, value(o.hash()), null));
          case MODIFY -> cats.get("modified").add(new Item(o.path(), null, value(o.hash()), value(n.hash())));
          case RENAME -> cats.get("renamed").add(new Item(n.path(), o.path(), value(o.hash()), value(o.hash())));
          default -> { }
        }
        if (workspace && o != null && o.hash() != null && !odb.exists(o.hash())) {
          cats.get("not in cache").add(new Item(o.path(), null, value(o.hash()), null));
        }
      }
      Map<String, List<Item>> out = new LinkedHashMap<>();
      cats.forEach((cat, items) -> {
        items.sort(java.util.Comparator.comparing((Item i) -> i.oldPath() != null ? i.oldPath() : i.path(),
            CodePointOrder.INSTANCE));
        if (!items.isEmpty()) {
          out.put(cat, items);
        }
      });
      return new DiffResult(out);
    }
  }

  private static String value(HashInfo h) {
    return h == null ? null : h.value();
  }

  /** The repo-relative keys the targets name (null: no targets), failing for a target neither side knows. */
  private List<String> targetKeys(DataIndex old, DataIndex current) throws IOException, CairnException {
    if (targets.isEmpty()) {
      return null;
    }
    List<String> keys = new ArrayList<>();
    for (Path t : targets) {
      Path abs = repo.root().resolve(t).toAbsolutePath().normalize();
      if (!abs.startsWith(repo.root())) {
        throw CairnException.invalidInput("'" + t + "' is outside the repository " + repo.root());
      }
      String rel = repo.relativize(abs);
      List<String> found = new ArrayList<>();
      if (rel.endsWith(DvcFile.SUFFIX) && Files.isRegularFile(abs)) {
        DvcFile f = DvcFile.read(abs);
        for (Map<String, Object> o : f.outs()) {
          found.add(repo.relativize(f.baseDir().resolve(String.valueOf(o.get("path"))).normalize()));
        }
      } else if (known(old, rel) || known(current, rel)) {
        found.add(rel);
      }
      if (found.isEmpty()) {
        throw CairnException.invalidInput("'" + rel + "' is not tracked in either revision: no such output, file"
            + " inside a tracked directory or .dvc file");
      }
      keys.addAll(found);
    }
    return keys;
  }

  private static boolean known(DataIndex index, String rel) {
    for (DataIndex.Entry e : index.outputs().values()) {
      if (e.key().equals(rel) || rel.startsWith(e.key() + "/") || e.key().startsWith(rel + "/")) {
        return true;
      }
    }
    return false;
  }

  private static boolean selected(List<String> keys, DataIndex.Entry e) {
    if (e == null) {
      return false;
    }
    if (keys == null) {
      return true;
    }
    for (String k : keys) {
      if (e.key().equals(k) || e.key().startsWith(k + "/")) {
        return true;
      }
    }
    return false;
  }
}
