package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import dev.cairn.repro.LockedOutputs;
import dev.cairn.repro.PipelineIndex;
import dev.cairn.repro.Targets;
import dev.cairn.repro.Unprotect;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code unprotect}: makes tracked outputs editable in place. With {@code cache.type} hardlink or
 * symlink the workspace files are read-only links into the cache; each file of the named outputs
 * becomes a private, writable copy (the cache is not touched). With copies it changes nothing. A
 * target is an output of a {@code .dvc} file or of a stage, its {@code .dvc} file, or a path inside
 * a tracked directory (the whole output is unprotected, as DVC does).
 */
public final class UnprotectCommand extends RepoCommand<List<String>> {
  private final List<Path> targets = new ArrayList<>();

  UnprotectCommand(Repo repo) {
    super(repo);
  }

  /** An output or {@code .dvc} file (absolute, or relative to the root). */
  public UnprotectCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  /** Returns the outputs unprotected, repo-relative. */
  @Override
  List<String> run() throws IOException, CairnException {
    if (targets.isEmpty()) {
      throw CairnException.invalidInput("unprotect needs at least one target");
    }
    List<Tracked> all = new ArrayList<>(new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs());
    all.addAll(LockedOutputs.tracked(repo, PipelineIndex.load(repo), List.of()));
    List<String> done = new ArrayList<>();
    List<Path> rel = new ArrayList<>();
    for (Path t : targets) {
      Path abs = repo.root().resolve(t).toAbsolutePath().normalize();
      rel.add(abs.startsWith(repo.root()) && !abs.equals(repo.root()) ? repo.root().relativize(abs) : t);
    }
    for (Tracked t : Targets.select(repo, all, rel)) {
      Unprotect.tree(t.path());
      done.add(repo.relativize(t.path()));
    }
    return done;
  }
}
