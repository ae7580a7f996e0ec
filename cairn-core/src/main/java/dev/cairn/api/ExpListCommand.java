package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpCollector;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpRefs;
import dev.cairn.exp.ExpTransport;
import dev.cairn.repo.Repo;
import dev.cairn.revision.UnknownRevisionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * {@code exp list}: the experiments of baseline commits, by baseline, as {@code dvc exp list} lists
 * them — of HEAD by default, of {@link #addRevision revisions} and their ancestors, of every
 * baseline ({@link #setAllCommits}), locally or on a Git remote ({@link #setGitRemote}). Read-only.
 */
public final class ExpListCommand extends RepoCommand<ExpListCommand.ExpList> {
  private final List<String> revs = new ArrayList<>();
  private int num = 1;
  private boolean allCommits;
  private String gitRemote;

  ExpListCommand(Repo repo) {
    super(repo);
  }

  /**
   * One experiment.
   *
   * @param name its name
   * @param rev its commit (full SHA); null when listed from a Git remote
   */
  public record Exp(String name, String rev) {}

  /**
   * A baseline and its experiments.
   *
   * @param baseline the baseline commit, full SHA
   * @param label its branch or tag name, else null (DVC then shows the short SHA)
   */
  public record Baseline(String baseline, String label, List<Exp> experiments) {
    public Baseline {
      experiments = List.copyOf(experiments);
    }
  }

  /** The baselines with experiments, in the order their refs sort. */
  public record ExpList(List<Baseline> baselines) {
    public ExpList {
      baselines = List.copyOf(baselines);
    }
  }

  /** A baseline revision (HEAD when none is given). */
  public ExpListCommand addRevision(String rev) {
    revs.add(Objects.requireNonNull(rev));
    return this;
  }

  /** The experiments of the last {@code n} first-parent commits from each revision ({@code -n}; negative: all). */
  public ExpListCommand setNum(int n) {
    num = n;
    return this;
  }

  /** Every experiment, whatever its baseline ({@code -A}). */
  public ExpListCommand setAllCommits(boolean b) {
    allCommits = b;
    return this;
  }

  /** List the experiments on this Git remote (a remote name, URL or path) instead of local ones. */
  public ExpListCommand setGitRemote(String remote) {
    gitRemote = remote;
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  ExpList run() throws IOException, CairnException {
    try (Repository git = ExpGit.open(repo.root())) {
      Set<String> bases = null;
      if (!allCommits) {
        bases = baselines(git, revs.isEmpty() ? List.of("HEAD") : revs);
      }
      List<ExpRefs.Entry> refs = gitRemote == null ? ExpRefs.all(git) : ExpTransport.listRemote(git, gitRemote);
      Map<String, List<Exp>> by = new LinkedHashMap<>();
      for (ExpRefs.Entry e : refs) {
        String b = e.ref().baselineSha();
        if (bases == null || bases.contains(b)) {
          by.computeIfAbsent(b, k -> new ArrayList<>()).add(new Exp(e.ref().name(),
              gitRemote == null ? e.commit().name() : null));
        }
      }
      List<Baseline> out = new ArrayList<>();
      for (Map.Entry<String, List<Exp>> e : by.entrySet()) {
        String label = null;
        ObjectId id = ObjectId.fromString(e.getKey());
        if (git.getObjectDatabase().has(id)) {
          label = ExpCollector.describe(git, id);
        }
        out.add(new Baseline(e.getKey(), label, e.getValue()));
      }
      return new ExpList(out);
    }
  }

  private Set<String> baselines(Repository git, List<String> starts) throws IOException, CairnException {
    Set<String> out = new LinkedHashSet<>();
    if (git.resolve("HEAD^{commit}") == null) {
      return out;
    }
    try (RevWalk walk = new RevWalk(git)) {
      for (String r : starts) {
        ObjectId id = git.resolve(r + "^{commit}");
        if (id == null) {
          throw new UnknownRevisionException(r);
        }
        RevCommit c = walk.parseCommit(id);
        for (int n = 0; c != null && (num < 0 || n < num); n++) {
          out.add(c.name());
          c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
        }
      }
    }
    return out;
  }
}
