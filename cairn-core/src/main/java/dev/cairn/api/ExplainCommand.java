package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.Dag;
import dev.cairn.repo.Repo;
import dev.cairn.repro.Explainer;
import dev.cairn.repro.ReproOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code repro --explain} / {@code status --explain}: per planned pipeline stage, whether
 * {@code repro} would run it, restore it from the run-cache or skip it, and which dep, param,
 * output or command changed, old → new. Changes nothing.
 *
 * <pre>{@code
 * List<Explainer.Explanation> why = cairn.explain().addTarget("train").call();
 * }</pre>
 */
public final class ExplainCommand extends RepoCommand<List<Explainer.Explanation>> {
  private final List<String> targets = new ArrayList<>();
  private Dag.Scope scope = Dag.Scope.UPSTREAM;
  private boolean noRunCache;
  private Path cwd;

  ExplainCommand(Repo repo) {
    super(repo);
    this.cwd = repo.root();
  }

  /** Adds a target, as {@link ReproCommand#addTarget}. */
  public ExplainCommand addTarget(String target) {
    targets.add(Objects.requireNonNull(target));
    return this;
  }

  /** Which stages around the targets are explained, as {@link ReproCommand#setScope}. */
  public ExplainCommand setScope(Dag.Scope scope) {
    this.scope = Objects.requireNonNull(scope);
    return this;
  }

  /** {@code --no-run-cache}: explain as if the run-cache were not used. */
  public ExplainCommand setNoRunCache(boolean noRunCache) {
    this.noRunCache = noRunCache;
    return this;
  }

  /** The directory targets and shown paths are relative to; the root by default. */
  public ExplainCommand setWorkingDirectory(Path cwd) {
    this.cwd = Objects.requireNonNull(cwd);
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  List<Explainer.Explanation> run() throws IOException, CairnException {
    return Explainer.explain(repo, new ReproOptions(targets, scope, false, false, true, false, true, noRunCache, 1,
        false), cwd);
  }
}
