package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.registry.GitAccess;
import dev.cairn.registry.Registry;
import dev.cairn.registry.RepoDep;
import dev.cairn.registry.SourceRepo;
import dev.cairn.repo.Repo;
import dev.cairn.repro.StatusResult;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code status}: what differs between the workspace and the hashes recorded in {@code .dvc}
 * files and {@code dvc.lock}, in DVC's shape: {@code {"data.dvc": [{"changed outs": {"data":
 * "modified"}}], "train": [{"changed deps": {"params.yaml": {"lr": "modified"}}}, "changed
 * command"]}}. {@code .dvc} outputs come first, then pipeline stages in graph order. Unchanged files
 * are answered from the state cache without reading their contents. Targets may be outputs, {@code
 * .dvc} files, stage names ({@code train}, {@code dvc.yaml:train}) or {@code dvc.yaml} files.
 *
 * <p>An import whose source moved on (its revision, or the default branch, is at a commit other
 * than {@code rev_lock}) is reported as DVC reports it, {@code {"data.dvc": [{"changed deps":
 * {"data (url)": "update available"}}]}}; that check fetches the source into the clone cache, and
 * {@link #setCheckUpdates(boolean) setCheckUpdates(false)} skips it ({@code --no-updates}).
 */
public final class StatusCommand extends RepoCommand<StatusResult> {
  private final List<Path> targets = new ArrayList<>();
  private boolean checkUpdates = true;
  private final RegistrySettings settings = new RegistrySettings();

  StatusCommand(Repo repo) {
    super(repo);
  }

  /** Limits status to these outputs or {@code .dvc} files. */
  public StatusCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  /** Whether to ask the sources of imports whether they moved on (default true, as DVC). */
  public StatusCommand setCheckUpdates(boolean b) {
    this.checkUpdates = b;
    return this;
  }

  /** How Git reaches the sources of imports. */
  public StatusCommand setGitAccess(GitAccess a) {
    settings.access = a;
    return this;
  }

  /** Where the sources of imports are cloned. */
  public StatusCommand setCloneCache(Path dir) {
    settings.cloneCache = dir;
    return this;
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  StatusResult run() throws IOException, CairnException {
    StatusResult r = StatusResult.of(repo, targets, monitor);
    if (!checkUpdates) {
      return r;
    }
    Map<String, String> updates = updatesAvailable();
    if (updates.isEmpty()) {
      return r;
    }
    Map<String, List<Object>> merged = new LinkedHashMap<>();
    Map<String, String> pending = new LinkedHashMap<>(updates);
    for (Map.Entry<String, List<Object>> e : r.changes().entrySet()) {
      if (!e.getKey().endsWith(".dvc")) {
        pending.forEach((owner, label) -> merged.put(owner, List.of(deps(label))));
        pending.clear();
      }
      String label = pending.remove(e.getKey());
      if (label == null) {
        merged.put(e.getKey(), e.getValue());
      } else {
        List<Object> l = new ArrayList<>();
        l.add(deps(label));
        l.addAll(e.getValue());
        merged.put(e.getKey(), l);
      }
    }
    pending.forEach((owner, label) -> merged.put(owner, List.of(deps(label))));
    return new StatusResult(merged, r.hashedBytes(), r.stateHits());
  }

  private static Map<String, Object> deps(String label) {
    return Map.of("changed deps", Map.of(label, "update available"));
  }

  /** {@code .dvc} file → {@code "path (url)"} for each selected import whose source moved on. */
  private Map<String, String> updatesAvailable() throws IOException, CairnException {
    Map<String, String> out = new LinkedHashMap<>();
    List<Tracked> all = new ArrayList<>();
    for (Tracked t : new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs()) {
      if (t.dvcFile() != null && t.dvcFile().isRepoImport()) {
        all.add(t);
      }
    }
    if (all.isEmpty()) {
      return out;
    }
    List<Tracked> chosen = new ArrayList<>();
    for (Tracked tr : all) {
      boolean named = targets.isEmpty();
      for (Path t : targets) {
        Path abs = repo.root().resolve(t).toAbsolutePath().normalize();
        named |= tr.file().toAbsolutePath().normalize().equals(abs) || tr.path().equals(abs)
            || abs.startsWith(tr.path()) || tr.owner().equals(t.toString());
      }
      if (named) {
        chosen.add(tr);
      }
    }
    try (Registry registry = settings.registry(repo.env(), monitor)) {
      for (Tracked t : chosen) {
        RepoDep dep;
        try {
          dep = RepoDep.of(t.dvcFile().importDep());
        } catch (IllegalArgumentException e) {
          throw CairnException.invalidInput(t.owner() + ": " + e.getMessage());
        }
        if (dep.revLock() == null || out.containsKey(t.owner())) {
          continue;
        }
        SourceRepo src;
        try {
          src = registry.open(dep.url(), repo.root(), dep.rev(), true);
        } catch (CairnException e) {
          throw new CairnException(e.kind(), "Cannot check " + t.owner() + " for updates: " + e.getMessage()
              + "; 'status --no-updates' skips this check", e);
        }
        if (!src.rev().equals(dep.revLock())) {
          out.put(t.owner(), dep.label());
        }
      }
    }
    return out;
  }
}
