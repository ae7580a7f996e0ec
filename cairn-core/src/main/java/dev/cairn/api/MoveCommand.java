package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.Digests;
import dev.cairn.repo.Repo;
import dev.cairn.repro.LockedOutputs;
import dev.cairn.repro.PipelineIndex;
import dev.cairn.workspace.CacheCommitter;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.GitIgnores;
import dev.cairn.hash.EntryHash;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code move}: renames or moves an output of a {@code .dvc} file (data added with {@code add} or
 * imported), and its {@code .dvc} file with it, as DVC does. When the {@code .dvc} file is named
 * after the output ({@code data} ↔ {@code data.dvc}), it becomes {@code <dst>.dvc} beside the new
 * path (written fresh in DVC's key order: desc, md5, frozen, deps, outs, always_changed, meta; the
 * old file is deleted) with relative deps re-based; otherwise only the output's path in it changes.
 * The {@code .gitignore} line moves too. A destination that is an existing directory receives the
 * output under its own name. The workspace data is renamed, not copied; when it no longer matches
 * its record it is committed to the cache as found (DVC saves it too). Outputs of {@code dvc.yaml}
 * stages are refused.
 */
public final class MoveCommand extends RepoCommand<MoveCommand.MoveResult> {
  private Path src;
  private Path dst;

  MoveCommand(Repo repo) {
    super(repo);
  }

  /**
   * What moved.
   *
   * @param from the old output path, repo-relative
   * @param to the new output path, repo-relative
   * @param dvcFile the {@code .dvc} file that now records it, repo-relative
   */
  public record MoveResult(String from, String to, String dvcFile) {}

  /** The output to move and where to (absolute, or relative to the root). */
  public MoveCommand setPaths(Path src, Path dst) {
    this.src = src;
    this.dst = dst;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  MoveResult run() throws IOException, CairnException {
    Path root = repo.root();
    Path from = root.resolve(src).toAbsolutePath().normalize();
    Path to = root.resolve(dst).toAbsolutePath().normalize();
    if (Files.isDirectory(to)) {
      to = to.resolve(from.getFileName());
    }
    inside(from, src);
    inside(to, dst);
    List<Tracked> dvcOutputs = new TrackedCollector(root, new DvcIgnore(root)).outputs();
    List<Tracked> staged = LockedOutputs.tracked(repo, PipelineIndex.load(repo), List.of());
    Tracked out = null;
    for (Tracked t : dvcOutputs) {
      if (t.path().equals(from)) {
        out = t;
      }
    }
    if (out == null) {
      for (Tracked t : staged) {
        if (t.path().equals(from)) {
          throw CairnException.invalidInput("move is not permitted for stages that are not data sources: '"
              + repo.relativize(from) + "' is an output of stage '" + t.owner() + "'. Move it to a new location"
              + " and edit dvc.yaml by hand, or remove it and create a new one at the desired location");
        }
      }
      throw CairnException.invalidInput("Unable to find DVC file with output '" + repo.relativize(from)
          + "'; see 'cairn status' or 'cairn data status' for what is tracked");
    }
    if (to.equals(from)) {
      throw CairnException.invalidInput("'" + repo.relativize(from) + "' and its destination are the same path");
    }
    if (Files.exists(to, LinkOption.NOFOLLOW_LINKS)) {
      throw CairnException.invalidInput("Cannot move '" + repo.relativize(from) + "': '" + repo.relativize(to)
          + "' already exists");
    }
    List<Tracked> others = new ArrayList<>(dvcOutputs);
    others.addAll(staged);
    for (Tracked t : others) {
      if (t != out && !t.path().equals(from) && (to.startsWith(t.path()) || t.path().startsWith(to))) {
        throw CairnException.invalidInput("Cannot move '" + repo.relativize(from) + "' to '" + repo.relativize(to)
            + "': it would overlap output '" + repo.relativize(t.path()) + "' of " + t.owner());
      }
    }
    DvcFile old = out.dvcFile();
    String stageName = old.file().getFileName().toString();
    stageName = stageName.substring(0, stageName.length() - DvcFile.SUFFIX.length());
    boolean rename = stageName.equals(from.getFileName().toString());
    Path newFile = rename ? to.resolveSibling(to.getFileName() + DvcFile.SUFFIX) : old.file();
    if (rename && Files.exists(newFile)) {
      throw CairnException.invalidInput("'" + repo.relativize(newFile) + "' already exists");
    }
    if (rename && GitIgnores.isIgnoredByGit(root, repo.relativize(newFile))) {
      throw CairnException.invalidInput("bad DVC file name '" + repo.relativize(newFile) + "' is git-ignored;"
          + " move the output elsewhere or change the .gitignore");
    }
    Path newBase = rename ? to.getParent() : old.baseDir();
    // the data first: if the rename fails, nothing else has changed
    boolean exists = Files.exists(from, LinkOption.NOFOLLOW_LINKS);
    EntryHash before = exists ? repo.hasher().hash(from, monitor) : null;
    if (exists) {
      Files.createDirectories(to.getParent());
      Files.move(from, to);
    }
    Map<String, Object> entry = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : out.entry().entrySet()) {
      entry.put(e.getKey(), e.getKey().equals("path") ? rel(newBase, to) : e.getValue());
    }
    if (before != null && (out.output().hash() == null || !before.sameHash(out.output().hash()))) {
      DvcFile.setHash(entry, new CacheCommitter(repo.odb(), repo.hasher(), repo.linkTypes()).commit(to, monitor));
    }
    DvcFile written;
    if (rename) {
      written = DvcFile.of(newFile, fresh(old, out.entry(), entry, newBase));
    } else {
      List<Map<String, Object>> outs = old.outs();
      outs.set(outs.indexOf(out.entry()), entry);
      written = old;
    }
    GitIgnores gi = GitIgnores.forRepo(root);
    gi.unignore(from);
    gi.ignore(to);
    written.write();
    if (rename) {
      Files.delete(old.file());
    }
    return new MoveResult(repo.relativize(from), repo.relativize(to), repo.relativize(newFile));
  }

  /** The moved stage as DVC dumps a new one: its keys in DVC's order, deps re-based, the stage md5 recomputed. */
  private Map<String, Object> fresh(DvcFile old, Map<String, Object> oldEntry, Map<String, Object> entry, Path newBase) {
    Map<String, Object> d = old.data();
    Map<String, Object> m = new LinkedHashMap<>();
    copy(d, m, "desc");
    m.put("md5", null);
    copy(d, m, "frozen");
    if (d.get("deps") instanceof List<?> deps && !deps.isEmpty()) {
      List<Object> moved = new ArrayList<>();
      for (Object o : deps) {
        if (o instanceof Map<?, ?> dep && dep.get("path") instanceof String p && !p.contains("://")
            && !Path.of(p).isAbsolute() && dep.get("repo") == null) {
          Map<String, Object> c = new LinkedHashMap<>();
          dep.forEach((k, v) -> c.put(String.valueOf(k), v));
          c.put("path", rel(newBase, old.baseDir().resolve(p).normalize()));
          moved.add(c);
        } else {
          moved.add(o);
        }
      }
      m.put("deps", moved);
    }
    List<Object> outs = new ArrayList<>();
    for (Map<String, Object> o : old.outs()) {
      outs.add(o == oldEntry ? entry : o);
    }
    m.put("outs", outs);
    copy(d, m, "always_changed");
    copy(d, m, "meta");
    if (d.get("md5") != null) {
      m.put("md5", Digests.stageMd5(m));
    } else {
      m.remove("md5");
    }
    return m;
  }

  private static void copy(Map<String, Object> from, Map<String, Object> to, String key) {
    Object v = from.get(key);
    if (v != null && !Boolean.FALSE.equals(v) && !(v instanceof String s && s.isEmpty())) {
      to.put(key, v);
    }
  }

  private static String rel(Path base, Path p) {
    return base.relativize(p).toString().replace('\\', '/');
  }

  private void inside(Path abs, Path given) throws CairnException {
    Path root = repo.root();
    if (!abs.startsWith(root) || abs.equals(root)) {
      throw CairnException.invalidInput("'" + given + "' is outside the repository " + root);
    }
    if (abs.startsWith(repo.dvcDir()) || abs.startsWith(root.resolve(".git"))) {
      throw CairnException.invalidInput("'" + given + "' is inside .dvc/ or .git/");
    }
  }
}
