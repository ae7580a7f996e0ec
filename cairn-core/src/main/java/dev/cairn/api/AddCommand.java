package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.EntryHash;
import dev.cairn.repo.Repo;
import dev.cairn.workspace.CacheCommitter;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.GitIgnores;
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
 * {@code add}: hashes files or directories, stores them in the cache, and writes {@code
 * <name>.dvc} next to each (byte-identical to DVC's), adding {@code /<name>} to the {@code
 * .gitignore} beside it. Refuses paths outside the repository, inside {@code .dvc}, ignored by
 * {@code .dvcignore}, tracked by Git, or overlapping another output.
 */
public final class AddCommand extends RepoCommand<AddCommand.AddResult> {
  private final List<Path> paths = new ArrayList<>();
  private boolean noCommit;

  AddCommand(Repo repo) {
    super(repo);
  }

  /** One added output. */
  public record Added(String path, String dvcFile, String md5, long size, int nfiles) {}

  /** The result: one entry per target. */
  public record AddResult(List<Added> added) {
    public AddResult {
      added = List.copyOf(added);
    }
  }

  /** A file or directory to add (absolute, or relative to the repository root). */
  public AddCommand addPath(Path p) {
    paths.add(p);
    return this;
  }

  /** Record hashes without storing the data in the cache ({@code --no-commit}). */
  public AddCommand setNoCommit(boolean noCommit) {
    this.noCommit = noCommit;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  AddResult run() throws IOException, CairnException {
    if (paths.isEmpty()) {
      throw CairnException.invalidInput("Nothing to add: give at least one path");
    }
    Path root = repo.root();
    List<Path> targets = new ArrayList<>();
    for (Path p : paths) {
      targets.add(validate(root.resolve(p).toAbsolutePath().normalize(), p));
    }
    List<Tracked> existing = new TrackedCollector(root, new DvcIgnore(root)).outputs();
    GitIgnores gitignores = GitIgnores.forRepo(root);
    List<Added> added = new ArrayList<>();
    CacheCommitter committer = new CacheCommitter(repo.odb(), repo.hasher(), repo.linkTypes());
    for (Path target : targets) {
      Path dvcPath = target.resolveSibling(target.getFileName() + DvcFile.SUFFIX);
      for (Tracked t : existing) {
        if (t.file().equals(dvcPath)) {
          continue;
        }
        if (target.startsWith(t.path()) || t.path().startsWith(target)) {
          throw CairnException.invalidInput("Cannot add '" + repo.relativize(target) + "': it overlaps output '"
              + repo.relativize(t.path()) + "' of " + t.owner() + "; remove that one first or add the other path");
        }
      }
      DvcFile f = Files.isRegularFile(dvcPath) ? DvcFile.read(dvcPath) : DvcFile.create(dvcPath);
      Map<String, Object> out = null;
      for (Map<String, Object> o : f.outs()) {
        if (target.getFileName().toString().equals(String.valueOf(o.get("path")))) {
          out = o;
        }
      }
      if (out == null) {
        out = new LinkedHashMap<>();
        out.put("path", target.getFileName().toString());
        f.outs().clear();
        f.outs().add(out);
      }
      EntryHash h = noCommit ? repo.hasher().hash(target, monitor) : committer.commit(target, monitor);
      DvcFile.setHash(out, h);
      gitignores.ignore(target);
      f.write();
      added.add(new Added(repo.relativize(target), repo.relativize(dvcPath), h.value(), h.size(),
          h.nfiles() == null ? 0 : h.nfiles().intValue()));
    }
    return new AddResult(added);
  }

  private Path validate(Path abs, Path given) throws CairnException, IOException {
    Path root = repo.root();
    if (!abs.startsWith(root) || abs.equals(root)) {
      throw CairnException.invalidInput("Cannot add '" + given + "': it is outside the repository " + root);
    }
    String rel = repo.relativize(abs);
    if (abs.startsWith(repo.dvcDir()) || abs.startsWith(root.resolve(".git"))) {
      throw CairnException.invalidInput("Cannot add '" + rel + "': paths inside .dvc/ or .git/ are internal");
    }
    if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      throw CairnException.invalidInput("Cannot add '" + rel + "': no such file or directory");
    }
    String name = abs.getFileName().toString();
    if (name.endsWith(DvcFile.SUFFIX) || name.equals("dvc.yaml") || name.equals("dvc.lock")) {
      throw CairnException.invalidInput("Cannot add '" + rel + "': it is a DVC file");
    }
    for (Path q = abs.getParent(); q != null && !q.equals(root); q = q.getParent()) {
      if (Files.isSymbolicLink(q)) {
        throw CairnException.invalidInput("Cannot add '" + rel + "': it is inside the symlinked directory '"
            + repo.relativize(q) + "'");
      }
    }
    if (repo.hasher().isIgnored(rel, Files.isDirectory(abs))) {
      throw CairnException.invalidInput("Cannot add '" + rel + "': it is ignored by .dvcignore");
    }
    String tracked = GitIgnores.trackedByGit(root, rel);
    if (tracked != null) {
      throw CairnException.invalidInput("Cannot add '" + rel + "': '" + tracked + "' is tracked by Git;"
          + " run 'git rm -r --cached " + rel + "' first");
    }
    return abs;
  }
}
