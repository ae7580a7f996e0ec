package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpDiff;
import dev.cairn.exp.ExpGit;
import dev.cairn.repo.Repo;
import dev.cairn.revision.CachedOutputs;
import dev.cairn.revision.DvcYamlScan;
import dev.cairn.revision.Revisions;
import java.io.IOException;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code exp diff [a] [b]}: the metrics and params diffs between two experiments, Git revisions or
 * the workspace (defaults {@code HEAD} and {@code workspace}). A name is looked up as an experiment
 * first, then as a Git revision. DVC-tracked metrics files are read through {@link
 * #setCachedOutputs}: the repository's cache unless set.
 */
public final class ExpDiffCommand extends RepoCommand<ExpDiff> {
  private String a = "HEAD";
  private String b = Revisions.WORKSPACE;
  private boolean all;
  private CachedOutputs cached;

  ExpDiffCommand(Repo repo) {
    super(repo);
  }

  /** The old side (default {@code HEAD}). */
  public ExpDiffCommand setOld(String rev) {
    this.a = Objects.requireNonNull(rev);
    return this;
  }

  /** The new side (default {@code workspace}). */
  public ExpDiffCommand setNew(String rev) {
    this.b = Objects.requireNonNull(rev);
    return this;
  }

  /** Keep unchanged values ({@code --all}). */
  public ExpDiffCommand setAll(boolean all) {
    this.all = all;
    return this;
  }

  /** How DVC-tracked files of each revision are read; the repository's cache unless set. */
  public ExpDiffCommand setCachedOutputs(CachedOutputs c) {
    this.cached = Objects.requireNonNull(c);
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  ExpDiff run() throws IOException, CairnException {
    try (Repository git = ExpGit.open(repo.root()); Revisions revisions = Revisions.open(repo.root(),
        cached != null ? cached : CachedOutputs.fromCache(repo.odb()))) {
      if (!revisions.hasCommits()) {
        // as DVC: nothing to compare in a repository without commits
        var none = dev.cairn.metrics.RevisionResult.ofFiles(a, java.util.Map.of());
        var d = dev.cairn.metrics.Differ.diff(none, dev.cairn.metrics.RevisionResult.ofFiles(b, java.util.Map.of()), all);
        return new ExpDiff(d, d);
      }
      ObjectId ai = ExpGit.resolveExpOrRev(git, a);
      ObjectId bi = ExpGit.resolveExpOrRev(git, b);
      return ExpDiff.compute(revisions, new DvcYamlScan(), a, ai, b, bi, all);
    }
  }
}
