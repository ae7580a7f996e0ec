package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.hash.ObjectSet;
import dev.cairn.odb.Manifest;
import dev.cairn.odb.ManifestReader;
import dev.cairn.odb.ObjectDb;
import dev.cairn.repo.Repo;
import dev.cairn.repro.LockedOutputs;
import dev.cairn.repro.PipelineIndex;
import dev.cairn.revision.GitRevisions;
import dev.cairn.storage.StaleTemps;
import dev.cairn.storage.Storage;
import dev.cairn.transfer.ObjectTransfer;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * {@code gc}: deletes cache objects that no selected revision uses (dvc-format.md §6.3), as {@code
 * dvc gc} does. What to keep: the workspace (always), the tip of every branch, every tag, every
 * commit, every experiment, the commits since a date, or a revision and its {@code num - 1}
 * first-parent ancestors; at least one must be chosen. {@link #setNotInRemote} keeps only the used
 * objects the remote lacks (the others can be pulled again); {@link #setCloud} also deletes from the
 * remote every object the selection does not use. {@code runs/} (the run-cache) is never collected.
 * Stray temp files of interrupted writes are deleted once they are stale ({@link StaleTemps}:
 * unchanged for 24 hours); younger ones may belong to a writer that does not hold this repository's
 * lock (another workspace sharing the cache, an {@code exp run --run-all} entry) and are left alone.
 * Dry runs only report. Nothing outside the cache (and, with {@code -c}, the remote's objects) is
 * deleted.
 */
public final class GcCommand extends RemoteCommand<GcCommand, GcCommand.GcResult> {
  private boolean workspace;
  private boolean allExperiments;
  private String rev;
  private Integer num;
  private LocalDate since;
  private boolean cloud;
  private boolean notInRemote;
  private boolean dryRun;
  private Clock clock = Clock.systemUTC();

  GcCommand(Repo repo) {
    super(repo);
  }

  /**
   * Objects kept and removed.
   *
   * @param kept cache objects kept
   * @param removed cache objects removed (or that would be, in a dry run)
   * @param remoteRemoved objects removed from the remote with {@code -c}, else empty
   * @param remote the remote used with {@code -c} or {@code --not-in-remote}, else null
   */
  public record GcResult(int kept, List<String> removed, boolean dryRun, List<String> remoteRemoved, String remote) {
    public GcResult {
      removed = List.copyOf(removed);
      remoteRemoved = List.copyOf(remoteRemoved);
    }

    public GcResult(int kept, List<String> removed, boolean dryRun) {
      this(kept, removed, dryRun, List.of(), null);
    }
  }

  public GcCommand setWorkspace(boolean b) {
    workspace = b;
    return this;
  }

  /** Keep what every experiment commit uses ({@code --all-experiments}). */
  public GcCommand setAllExperiments(boolean b) {
    allExperiments = b;
    return this;
  }

  /** Keep what {@code rev} uses ({@code --rev}), and with {@link #setNum} its ancestors. */
  public GcCommand setRev(String r) {
    rev = r;
    return this;
  }

  /** With {@link #setRev}: keep the last {@code n} first-parent commits from it ({@code -n}); default 1. */
  public GcCommand setNum(Integer n) {
    num = n;
    return this;
  }

  /** Keep what the commits made on or after {@code date} use ({@code --date}). */
  public GcCommand setDate(LocalDate date) {
    since = date;
    return this;
  }

  /** Also delete unused objects from the remote ({@code -c}). */
  public GcCommand setCloud(boolean b) {
    cloud = b;
    return this;
  }

  /** Keep only the used objects the remote does not have ({@code --not-in-remote}). */
  public GcCommand setNotInRemote(boolean b) {
    notInRemote = b;
    return this;
  }

  public GcCommand setDryRun(boolean b) {
    dryRun = b;
    return this;
  }

  /** The clock stale temp files are judged by (tests). */
  GcCommand setClock(Clock c) {
    clock = c;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  void beforeRun() {
    if (cloud || notInRemote) {
      super.beforeRun();
    }
  }

  /**
   * Checks the options alone, without reading the repository: what {@link #call} would refuse as
   * invalid input. A caller that asks the user for confirmation calls this first, so a command that
   * cannot run is refused before the question.
   *
   * @throws CairnException invalid input: no selection of what to keep, or options that exclude each other
   */
  public void checkOptions() throws CairnException {
    if (remote() != null && !cloud && !notInRemote) {
      throw CairnException.invalidInput("--remote requires --cloud or --not-in-remote");
    }
    if (cloud && notInRemote) {
      throw CairnException.invalidInput("--not-in-remote and --cloud are mutually exclusive");
    }
    if (!workspace && !allBranches() && !allTags() && !allCommits() && !allExperiments && rev == null
        && since == null) {
      throw CairnException.invalidInput("Choose what to keep: -w (workspace), -a (all branches), -T (all tags),"
          + " -A (all commits), --all-experiments, --date or --rev");
    }
    if (num != null && rev == null) {
      throw CairnException.invalidInput("--num can only be used alongside --rev");
    }
  }

  @Override
  GcResult run() throws IOException, CairnException {
    checkOptions();
    ObjectDb odb = repo.odb();
    Set<HashInfo> roots = new HashSet<>();
    for (Tracked t : new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs()) {
      addRoot(t.output().object(), roots);
    }
    // every dvc.lock of the workspace, through the pipeline index: an unreadable dvc.yaml or
    // dvc.lock stops gc rather than letting it delete what that file references
    for (Tracked t : LockedOutputs.tracked(repo, PipelineIndex.load(repo), List.of())) {
      addRoot(t.output().object(), roots);
    }
    List<ObjectId> extra = GitRevisions.commits(repo.root(), rev == null ? List.of() : List.of(rev),
        num == null ? 1 : num, allExperiments,
        since == null ? null : since.atStartOfDay(ZoneId.systemDefault()).toInstant());
    if (allBranches() || allTags() || allCommits() || !extra.isEmpty()) {
      for (GitRevisions.RevOutput o : GitRevisions.outputs(repo.root(), allBranches(), allTags(), allCommits(),
          extra)) {
        HashInfo h = hashOf(o.entry());
        if (h != null) {
          addRoot(h, roots);
        }
      }
    }
    ObjectSet used = new ObjectSet(); // compact: the objects of a million-file directory fit in some 32 MB
    for (HashInfo h : roots) {
      addUsed(h, odb, used);
    }
    String remoteName = null;
    ObjectSet onRemote = new ObjectSet(); // with --not-in-remote: used objects that can be pulled again
    List<String> remoteRemoved = new ArrayList<>();
    if (cloud || notInRemote) {
      remoteName = chooseRemote(null);
      try (Storage s = openRemote(remoteName)) {
        ObjectTransfer t = new ObjectTransfer(odb, s, remoteName, options(remoteName));
        if (notInRemote) {
          onRemote = t.onRemote(used);
        } else {
          for (HashInfo h : t.collectGarbage(roots, dryRun)) {
            remoteRemoved.add(h.value());
          }
        }
      }
    }
    ObjectSet pullable = onRemote;
    List<Path> temps = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    int[] total = {0};
    // .dir objects first, as DVC does, so a crash never leaves a manifest without its files: two
    // passes over the cache's listing, nothing of it kept
    for (boolean dirs : new boolean[] {true, false}) {
      IOException[] failed = {null};
      odb.list(h -> {
        if (h.isDir() != dirs || failed[0] != null) {
          return;
        }
        total[0]++;
        if (!used.contains(h) || pullable.contains(h)) {
          removed.add(h.value());
          if (!dryRun) {
            try {
              odb.delete(h);
            } catch (IOException e) {
              failed[0] = e;
            }
          }
        }
      }, dirs ? temps::add : null);
      if (failed[0] != null) {
        throw failed[0];
      }
    }
    if (!dryRun) {
      // hidden temp files of writes a kill interrupted; only stale ones: holding this repository's
      // lock does not exclude writers of another workspace that shares the cache
      deleteStaleTemps(temps, clock.instant());
    }
    return new GcResult(total[0] - removed.size(), removed, dryRun, remoteRemoved, remoteName);
  }

  /** Deletes the temp files that are stale at {@code now}; returns how many were deleted. */
  static int deleteStaleTemps(List<Path> temps, Instant now) throws IOException {
    int n = 0;
    for (Path t : temps) {
      if (StaleTemps.isStale(t, now) && Files.deleteIfExists(t)) {
        n++;
      }
    }
    return n;
  }

  private static void addRoot(HashInfo h, Set<HashInfo> roots) {
    if (h != null) {
      roots.add(h);
    }
  }

  private static void addUsed(HashInfo h, ObjectDb odb, ObjectSet used) {
    if (h == null || !used.add(h) || !h.isDir()) {
      return;
    }
    String name = h.isLegacy() ? HashInfo.MD5_DOS2UNIX : HashInfo.MD5;
    try (ManifestReader r = odb.openManifest(h)) {
      for (Manifest.Entry e = r.next(); e != null; e = r.next()) {
        used.add(new HashInfo(name, e.md5()));
      }
    } catch (IOException e) {
      // a missing or corrupt manifest keeps nothing more (what was read of it stays kept)
    }
  }

  /** The object an output entry of a revision names, or null (no md5, an etag, a checksum). */
  static HashInfo hashOf(Map<?, ?> m) {
    if (m.get("md5") == null || !HashInfo.isValid(String.valueOf(m.get("md5")))) {
      return null;
    }
    String name = "md5".equals(m.get("hash")) ? HashInfo.MD5 : HashInfo.MD5_DOS2UNIX;
    return new HashInfo(name, String.valueOf(m.get("md5")));
  }
}
