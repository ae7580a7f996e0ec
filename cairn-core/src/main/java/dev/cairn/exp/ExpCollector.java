package dev.cairn.exp;

import dev.cairn.metrics.Collector;
import dev.cairn.metrics.ReadError;
import dev.cairn.metrics.RevisionResult;
import dev.cairn.revision.ProjectFilesLocator;
import dev.cairn.revision.RecordedOutputs;
import dev.cairn.revision.RevisionFiles;
import dev.cairn.revision.Revisions;
import dev.cairn.revision.UnknownRevisionException;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Gathers what {@code exp show} prints, as DVC's {@code experiments/collect.py}: the workspace,
 * then each selected baseline commit with the experiments under {@code refs/exps/<baseline>/},
 * newest first. Metrics and params of every revision are read with the {@code metrics}/{@code
 * params show} machinery ({@link Collector}), DVC-tracked files through the cache that {@link
 * Revisions} was opened with.
 */
public final class ExpCollector {
  private static final int MAX_EXP_COMMITS = 1000;

  private final Repository git;
  private final Revisions revisions;
  private final ProjectFilesLocator locator;
  private final ZoneId zone;

  /**
   * @param git the Git repository (borrowed, not closed)
   * @param revisions the revisions of the same repository (borrowed)
   * @param locator finds metrics and params files in a revision
   * @param zone the zone commit times are shown in (DVC uses the local zone)
   */
  public ExpCollector(Repository git, Revisions revisions, ProjectFilesLocator locator, ZoneId zone) {
    this.git = git;
    this.revisions = revisions;
    this.locator = locator;
    this.zone = zone;
  }

  /**
   * Which baselines to show.
   *
   * @param revs start revisions ({@code HEAD} when empty and no flag is set)
   * @param num how many commits to follow back (first parents) from each start revision, at least 1
   * @param allBranches every branch tip ({@code -a})
   * @param allTags every tag ({@code -T})
   * @param allCommits every commit reachable from branches and tags ({@code -A})
   */
  public record Selection(List<String> revs, int num, boolean allBranches, boolean allTags, boolean allCommits,
      Display display) {
    public Selection {
      revs = List.copyOf(revs);
      if (num < 1) {
        throw new IllegalArgumentException("num must be at least 1");
      }
      display = display == null ? Display.DEFAULT : display;
    }

    public Selection(List<String> revs, int num, boolean allBranches, boolean allTags, boolean allCommits) {
      this(revs, num, allBranches, allTags, allCommits, Display.DEFAULT);
    }

    /** HEAD only, DVC's default. */
    public static Selection head() {
      return new Selection(List.of(), 1, false, false, false);
    }
  }

  /**
   * What else to show or hide, as {@code exp show}'s flags.
   *
   * @param hideWorkspace leave the workspace row out ({@code --hide-workspace})
   * @param shaOnly name baselines by SHA, not by branch or tag ({@code --sha})
   * @param hideQueued leave queued experiments out ({@code --hide-queued})
   * @param hideFailed leave failed experiments out ({@code --hide-failed})
   */
  public record Display(boolean hideWorkspace, boolean shaOnly, boolean hideQueued, boolean hideFailed) {
    /** Everything shown, baselines by name. */
    public static final Display DEFAULT = new Display(false, false, false, false);
  }

  /** Collects the workspace and the selected baselines with their experiments. */
  public ExpShowResult collect(Selection sel) throws IOException, UnknownRevisionException {
    if (git.resolve(Constants.HEAD + "^{commit}") == null) {
      return new ExpShowResult(List.of());
    }
    List<ExpState> out = new ArrayList<>();
    Display d = sel.display();
    if (!d.hideWorkspace()) {
      out.add(state(Revisions.WORKSPACE, null));
    }
    List<ExpQueue.Entry> queued = d.hideQueued() ? List.of() : new ExpQueue(git, ExpRef.CELERY_STASH).list();
    List<ExpQueue.Entry> failed = d.hideFailed() ? List.of() : new ExpQueue(git, ExpRef.CELERY_FAILED_STASH).list();
    for (ObjectId base : baselines(sel)) {
      ExpState b = state(base.name(), d.shaOnly() ? null : describe(base));
      List<ExpRange> ranges = new ArrayList<>();
      for (ExpRefs.Entry e : ExpRefs.ofBaseline(git, base.name())) {
        List<ExpState> commits = new ArrayList<>();
        for (ObjectId c : branchRevs(e.commit(), base)) {
          commits.add(state(c.name(), commits.isEmpty() ? e.ref().name() : null));
        }
        if (!commits.isEmpty()) {
          ranges.add(new ExpRange(commits, e.ref().name(), e.ref().refName()));
        }
      }
      sortNewestFirst(ranges);
      ranges.addAll(entries(queued, base, "queued"));
      ranges.addAll(entries(failed, base, "failed"));
      out.add(new ExpState(b.rev(), b.name(), b.data(), b.error(), ranges.isEmpty() ? null : ranges));
    }
    return new ExpShowResult(out);
  }

  private static void sortNewestFirst(List<ExpRange> ranges) {
    ranges.sort(Comparator.comparing((ExpRange r) -> timestamp(r.tip()), Comparator.reverseOrder())
        .thenComparing(r -> r.tip().rev(), Comparator.reverseOrder()));
  }

  /**
   * The queue entries of one baseline as experiments in state {@code state}, newest first: each is
   * its stash commit (the queued params), without metrics, as DVC collects queued experiments.
   */
  private List<ExpRange> entries(List<ExpQueue.Entry> entries, ObjectId base, String state)
      throws IOException, UnknownRevisionException {
    List<ExpRange> out = new ArrayList<>();
    for (ExpQueue.Entry e : entries) {
      if (!e.baseline().equals(base.name())) {
        continue;
      }
      ExpState s = state(e.commit().name(), e.name().isEmpty() ? null : e.name());
      if (s.data() != null) {
        ExpData x = s.data();
        s = new ExpState(s.rev(), s.name(), new ExpData(x.rev(), x.timestamp(), x.params(),
            RevisionResult.ofFiles(x.rev(), Map.of()), x.deps(), x.outs()), null, null);
      }
      out.add(new ExpRange(List.of(s), e.name(), null, new ExpRange.Executor(state, null)));
    }
    sortNewestFirst(out);
    return out;
  }

  private static LocalDateTime timestamp(ExpState s) {
    return s.data() == null || s.data().timestamp() == null ? LocalDateTime.MIN : s.data().timestamp();
  }

  /** Reads one revision ({@code "workspace"} or a full SHA). */
  ExpState state(String rev, String name) throws IOException, UnknownRevisionException {
    RevisionFiles files = revisions.at(rev);
    RevisionResult params = Collector.params(rev, files, locator, List.of());
    RevisionResult metrics = Collector.metrics(rev, files, locator, List.of());
    ReadError err = params.error() != null ? params.error() : metrics.error();
    if (err != null) {
      return new ExpState(rev, name, null, err, null);
    }
    LocalDateTime ts = null;
    if (!Revisions.WORKSPACE.equals(rev)) {
      try (RevWalk walk = new RevWalk(git)) {
        RevCommit c = walk.parseCommit(ObjectId.fromString(rev));
        ts = LocalDateTime.ofInstant(Instant.ofEpochSecond(c.getCommitTime()), zone);
      }
    }
    // DVC's exp show leaves metric and plot outputs out
    RecordedOutputs.Recorded recorded = RecordedOutputs.read(files);
    Map<String, ExpData.Dep> deps = new LinkedHashMap<>();
    recorded.deps().forEach((p, h) -> deps.put(p, ExpData.Dep.of(h)));
    Map<String, ExpData.Out> outs = new LinkedHashMap<>();
    recorded.outs().forEach((p, o) -> {
      if (o.kind() == RecordedOutputs.Kind.DATA || o.kind() == RecordedOutputs.Kind.OUT) {
        outs.put(p, ExpData.Out.of(o));
      }
    });
    return new ExpState(rev, name, new ExpData(rev, ts, params, metrics, deps, outs), null, null);
  }

  private List<ObjectId> baselines(Selection sel) throws IOException, UnknownRevisionException {
    Set<ObjectId> out = new LinkedHashSet<>();
    List<String> starts = new ArrayList<>(sel.revs());
    if (starts.isEmpty() && !sel.allBranches() && !sel.allTags() && !sel.allCommits()) {
      starts.add(Constants.HEAD);
    }
    try (RevWalk walk = new RevWalk(git)) {
      for (String r : starts) {
        RevCommit c = walk.parseCommit(revisions.resolve(r));
        for (int i = 0; i < sel.num() && c != null; i++) {
          out.add(c.copy());
          c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
        }
      }
      List<Ref> refs = new ArrayList<>();
      if (sel.allBranches() || sel.allCommits()) {
        refs.addAll(git.getRefDatabase().getRefsByPrefix(Constants.R_HEADS));
      }
      if (sel.allTags() || sel.allCommits()) {
        refs.addAll(git.getRefDatabase().getRefsByPrefix(Constants.R_TAGS));
      }
      List<RevCommit> tips = new ArrayList<>();
      for (Ref ref : refs) {
        ObjectId id = git.getRefDatabase().peel(ref).getPeeledObjectId();
        try {
          tips.add(walk.parseCommit(id != null ? id : ref.getObjectId()));
        } catch (IOException e) {
          // a tag of a non-commit
        }
      }
      if (sel.allCommits()) {
        walk.reset();
        for (RevCommit t : tips) {
          walk.markStart(walk.parseCommit(t));
        }
        for (RevCommit c : walk) {
          out.add(c.copy());
        }
      } else {
        tips.forEach(t -> out.add(t.copy()));
      }
    }
    return new ArrayList<>(out);
  }

  /** The commits from {@code tip} back along first parents to {@code base} (exclusive), tip first. */
  private List<ObjectId> branchRevs(ObjectId tip, ObjectId base) throws IOException {
    List<ObjectId> out = new ArrayList<>();
    try (RevWalk walk = new RevWalk(git)) {
      RevCommit c = walk.parseCommit(tip);
      while (c != null && !c.getId().equals(base) && out.size() < MAX_EXP_COMMITS) {
        out.add(c.copy());
        c = c.getParentCount() == 0 ? null : walk.parseCommit(c.getParent(0));
      }
    }
    return out;
  }

  /**
   * A baseline's name as DVC's {@code _describe}: the checked-out branch if it points there, else
   * the first branch, else the first tag pointing at it; null otherwise (shown as the short SHA).
   */
  private String describe(ObjectId commit) throws IOException {
    return describe(git, commit);
  }

  /**
   * A commit's name as DVC's {@code describe}: the checked-out branch if it points there, else the
   * first branch, else the first tag pointing at it; null when none does.
   */
  public static String describe(Repository git, ObjectId commit) throws IOException {
    Ref head = git.exactRef(Constants.HEAD);
    if (head != null && head.isSymbolic() && commit.equals(head.getObjectId())) {
      return Repository.shortenRefName(head.getTarget().getName());
    }
    Map<String, String> found = new LinkedHashMap<>();
    for (String prefix : List.of(Constants.R_HEADS, Constants.R_TAGS)) {
      for (Ref r : git.getRefDatabase().getRefsByPrefix(prefix)) {
        ObjectId id = Optional.ofNullable(git.getRefDatabase().peel(r).getPeeledObjectId()).orElse(r.getObjectId());
        if (Objects.equals(id, commit)) {
          found.putIfAbsent(prefix, Repository.shortenRefName(r.getName()));
        }
      }
    }
    return found.values().stream().findFirst().orElse(null);
  }
}
