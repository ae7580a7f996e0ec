package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.pipeline.CwdPaths;
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
 * command"]}}. Pipeline stages come first, in graph order, then {@code .dvc} files; addresses and
 * paths are relative to the working directory, as DVC's are. Unchanged files are answered from the
 * state cache without reading their contents. Targets may be outputs, {@code
 * .dvc} files, stage names ({@code train}, {@code dvc.yaml:train}) or {@code dvc.yaml} files.
 *
 * <p>An import whose source moved on (its revision, or the default branch, is at a commit other
 * than {@code rev_lock}) is reported as DVC reports it, {@code {"data.dvc": [{"changed deps":
 * {"data (url)": "update available"}}]}}; that check fetches the source into the clone cache, and
 * {@link #setCheckUpdates(boolean) setCheckUpdates(false)} skips it ({@code --no-updates}).
 */
public final class StatusCommand extends RepoCommand<StatusResult> {
  private final List<Path> targets = new ArrayList<>();
  private Path cwd;
  private boolean withDeps;
  private boolean checkUpdates = true;
  private final RegistrySettings settings = new RegistrySettings();

  StatusCommand(Repo repo) {
    super(repo);
    this.cwd = repo.root();
  }

  /** The directory addresses and paths are shown relative to; the repository root by default. */
  public StatusCommand setWorkingDirectory(Path cwd) {
    this.cwd = java.util.Objects.requireNonNull(cwd);
    return this;
  }

  /** Limits status to these outputs or {@code .dvc} files. */
  public StatusCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  /** Also the stages the targeted stages depend on, and the {@code .dvc} files they read ({@code --with-deps}). */
  public StatusCommand setWithDeps(boolean b) {
    withDeps = b;
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
    // one walk of the workspace's .dvc files, for the status and the imports' update check
    List<Tracked> all = new TrackedCollector(repo.root(), new DvcIgnore(repo.root())).outputs();
    StatusResult r = StatusResult.of(repo, targets, cwd, withDeps, all, monitor);
    if (!checkUpdates) {
      return r;
    }
    Map<String, String> updates = updatesAvailable(all);
    if (updates.isEmpty()) {
      return r;
    }
    // DVC's order: the stages, then the .dvc files by path; an update comes first in its file's list
    String at = StatusResult.relDir(repo.root(), cwd);
    Map<String, List<Object>> merged = new LinkedHashMap<>();
    Map<String, List<Object>> dvcFiles = new java.util.TreeMap<>(dev.cairn.format.CodePointOrder.INSTANCE);
    for (Map.Entry<String, List<Object>> e : r.changes().entrySet()) {
      (e.getKey().endsWith(".dvc") ? dvcFiles : merged).put(e.getKey(), e.getValue());
    }
    updates.forEach((owner, label) -> {
      List<Object> l = new ArrayList<>();
      l.add(deps(label));
      l.addAll(dvcFiles.getOrDefault(CwdPaths.relative(owner, at), List.of()));
      dvcFiles.put(CwdPaths.relative(owner, at), l);
    });
    merged.putAll(dvcFiles);
    return new StatusResult(merged, r.hashedBytes(), r.stateHits());
  }

  private static Map<String, Object> deps(String label) {
    return Map.of("changed deps", Map.of(label, "update available"));
  }

  /** {@code .dvc} file → {@code "path (url)"} for each selected import whose source moved on. */
  private Map<String, String> updatesAvailable(List<Tracked> tracked) throws IOException, CairnException {
    Map<String, String> out = new LinkedHashMap<>();
    List<Tracked> imports = new ArrayList<>();
    for (Tracked t : tracked) {
      if (t.dvcFile() != null && t.dvcFile().isRepoImport()) {
        imports.add(t);
      }
    }
    if (imports.isEmpty()) {
      return out;
    }
    List<Tracked> chosen = new ArrayList<>();
    for (Tracked tr : imports) {
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
