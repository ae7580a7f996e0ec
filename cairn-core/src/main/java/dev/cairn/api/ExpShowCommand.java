package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpCollector;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpShowResult;
import dev.cairn.repo.Repo;
import dev.cairn.revision.CachedOutputs;
import dev.cairn.revision.DvcYamlScan;
import dev.cairn.revision.ProjectFilesLocator;
import dev.cairn.revision.Revisions;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code exp show}: the workspace, the baseline commit(s) and their experiments with metrics,
 * params and dependency hashes (DVC's {@code exp show}); render with {@link dev.cairn.exp.ExpTable}
 * or {@link ExpShowResult#json}. DVC-tracked metrics files are read through {@link
 * #setCachedOutputs}: the repository's cache unless set.
 */
public final class ExpShowCommand extends RepoCommand<ExpShowResult> {
  private final List<String> revs = new ArrayList<>();
  private int num = 1;
  private boolean allBranches;
  private boolean allTags;
  private boolean allCommits;
  private CachedOutputs cached;
  private ProjectFilesLocator locator = new DvcYamlScan();
  private ZoneId zone = ZoneId.systemDefault();
  private ExpCollector.Display display = ExpCollector.Display.DEFAULT;

  ExpShowCommand(Repo repo) {
    super(repo);
  }

  /** A baseline revision to show (HEAD when none and no flag is set). */
  public ExpShowCommand addRevision(String rev) {
    revs.add(Objects.requireNonNull(rev));
    return this;
  }

  /** Also the {@code n - 1} first-parent ancestors of each revision ({@code -n}). */
  public ExpShowCommand setNum(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("num must be at least 1");
    }
    this.num = n;
    return this;
  }

  /** Every branch tip as a baseline ({@code -a}). */
  public ExpShowCommand setAllBranches(boolean b) {
    this.allBranches = b;
    return this;
  }

  /** Every tag as a baseline ({@code -T}). */
  public ExpShowCommand setAllTags(boolean b) {
    this.allTags = b;
    return this;
  }

  /** Every commit as a baseline ({@code -A}). */
  public ExpShowCommand setAllCommits(boolean b) {
    this.allCommits = b;
    return this;
  }

  /**
   * How DVC-tracked files (metrics outputs) of each revision are read; {@link
   * CachedOutputs#fromCache} over the repository's cache unless set, {@link CachedOutputs#NONE} for none.
   */
  public ExpShowCommand setCachedOutputs(CachedOutputs c) {
    this.cached = Objects.requireNonNull(c);
    return this;
  }

  /** How the metrics and params files of a revision are found ({@link DvcYamlScan} by default). */
  public ExpShowCommand setLocator(ProjectFilesLocator l) {
    this.locator = Objects.requireNonNull(l);
    return this;
  }

  /**
   * Rows to leave out and how to name baselines ({@code --hide-workspace}, {@code --sha}, {@code
   * --hide-queued}, {@code --hide-failed}); everything shown and baselines named by default.
   */
  public ExpShowCommand setDisplay(ExpCollector.Display d) {
    this.display = Objects.requireNonNull(d);
    return this;
  }

  /** The zone commit times are given in (the system's by default, as DVC). */
  public ExpShowCommand setZone(ZoneId z) {
    this.zone = Objects.requireNonNull(z);
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  ExpShowResult run() throws IOException, CairnException {
    try (Repository git = ExpGit.open(repo.root()); Revisions revisions = Revisions.open(repo.root(),
        cached != null ? cached : CachedOutputs.fromCache(repo.odb()))) {
      return new ExpCollector(git, revisions, locator, zone)
          .collect(new ExpCollector.Selection(revs, num, allBranches, allTags, allCommits, display));
    }
  }
}
