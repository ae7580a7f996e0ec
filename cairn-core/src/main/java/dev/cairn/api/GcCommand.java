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
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code gc}: deletes cache objects that no selected revision uses (dvc-format.md §6.3). One of
 * workspace, all branches, all tags or all commits must be chosen; the workspace is always kept.
 * {@code runs/} (the run-cache) is never collected. Stray temp files of interrupted writes are
 * deleted once they are stale ({@link StaleTemps}: unchanged for 24 hours); younger ones may belong
 * to a writer that does not hold this repository's lock (another workspace sharing the cache, an
 * {@code exp run --run-all} entry) and are left alone. Dry runs only report.
 */
public final class GcCommand extends RepoCommand<GcCommand.GcResult> {
  private boolean workspace;
  private boolean allBranches;
  private boolean allTags;
  private boolean allCommits;
  private boolean dryRun;
  private Clock clock = Clock.systemUTC();

  GcCommand(Repo repo) {
    super(repo);
  }

  /** Objects kept and removed. */
  public record GcResult(int kept, List<String> removed, boolean dryRun) {}

  public GcCommand setWorkspace(boolean b) {
    workspace = b;
    return this;
  }

  public GcCommand setAllBranches(boolean b) {
    allBranches = b;
    return this;
  }

  public GcCommand setAllTags(boolean b) {
    allTags = b;
    return this;
  }

  public GcCommand setAllCommits(boolean b) {
    allCommits = b;
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
  GcResult run() throws IOException, CairnException {
    if (!workspace && !allBranches && !allTags && !allCommits) {
      throw CairnException.invalidInput("Choose what to keep: -w (workspace), -a (all branches), -T (all tags)"
          + " or --all-commits");
    }
    ObjectDb odb = repo.odb();
    ObjectSet used = new ObjectSet(); // compact: the objects of a million-file directory fit in some 32 MB
    for (Tracked t : new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs()) {
      addUsed(t.output().hash(), odb, used);
    }
    // every dvc.lock of the workspace, through the pipeline index: an unreadable dvc.yaml or
    // dvc.lock stops gc rather than letting it delete what that file references
    for (Tracked t : LockedOutputs.tracked(repo, PipelineIndex.load(repo), List.of())) {
      addUsed(t.output().hash(), odb, used);
    }
    if (allBranches || allTags || allCommits) {
      collectRevisions(odb, used);
    }
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
        if (!used.contains(h)) {
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
    return new GcResult(total[0] - removed.size(), removed, dryRun);
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

  @SuppressWarnings("unchecked")
  static void collectOuts(Object outs, ObjectDb odb, ObjectSet used) {
    if (!(outs instanceof List<?> l)) {
      return;
    }
    for (Object o : l) {
      if (o instanceof Map<?, ?> m && m.get("md5") != null && HashInfo.isValid(String.valueOf(m.get("md5")))) {
        String name = "md5".equals(m.get("hash")) ? HashInfo.MD5 : HashInfo.MD5_DOS2UNIX;
        addUsed(new HashInfo(name, String.valueOf(m.get("md5"))), odb, used);
      }
    }
  }

  private void collectRevisions(ObjectDb odb, ObjectSet used) throws IOException, CairnException {
    for (GitRevisions.RevOutput o : GitRevisions.outputs(repo.root(), allBranches, allTags, allCommits)) {
      collectOuts(List.of(o.entry()), odb, used);
    }
  }
}
