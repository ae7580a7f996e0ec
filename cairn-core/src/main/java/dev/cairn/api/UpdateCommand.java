package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.registry.GitAccess;
import dev.cairn.registry.ImportStage;
import dev.cairn.registry.Materialized;
import dev.cairn.registry.Registry;
import dev.cairn.registry.RepoDep;
import dev.cairn.registry.SourceRepo;
import dev.cairn.registry.SourceTree;
import dev.cairn.repo.Repo;
import dev.cairn.retry.RetryPolicy;
import dev.cairn.storage.Storage;
import dev.cairn.transfer.TransferResult;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.OutputStatus;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code update}: moves imports to the newest commit of their source's revision ({@code rev}, else
 * the default branch), or to {@code --rev}, which is then recorded: {@code rev_lock} changes,
 * only the objects the cache lacks are downloaded, and the output is checked out again; an import
 * whose source did not move is left alone. {@code import-url} imports are downloaded again when
 * their source changed. Each file is updated whole or not at all: the data is in the cache before
 * the workspace or the {@code .dvc} file changes, and workspace changes that are not in the cache
 * are never discarded.
 */
public final class UpdateCommand extends RepoCommand<UpdateCommand.UpdateResult> {
  private final List<Path> targets = new ArrayList<>();
  private String rev;
  private boolean recursive;
  private boolean noDownload;
  private boolean toRemote;
  private final RegistrySettings settings = new RegistrySettings();

  UpdateCommand(Repo repo) {
    super(repo);
  }

  /**
   * One import file.
   *
   * @param dvcFile repo-relative
   * @param oldRev the commit (or source checksum) it recorded before
   * @param newRev the one it records now
   * @param changed whether anything was rewritten
   * @param transfer what was downloaded
   */
  public record Updated(String dvcFile, String oldRev, String newRev, boolean changed, TransferResult transfer) {}

  /** The files updated, in the order given. */
  public record UpdateResult(List<Updated> updated) {}

  /** An import's {@code .dvc} file or output; with {@link #setRecursive}, a directory. */
  public UpdateCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  /** The source revision to move to ({@code --rev}); recorded as {@code rev}. */
  public UpdateCommand setRev(String rev) {
    this.rev = rev;
    return this;
  }

  /** Targets are directories whose imports are all updated ({@code -R}). */
  public UpdateCommand setRecursive(boolean b) {
    this.recursive = b;
    return this;
  }

  /** Record the new commit but download nothing; the output's hash is cleared ({@code --no-download}). */
  public UpdateCommand setNoDownload(boolean b) {
    this.noDownload = b;
    return this;
  }

  /** DVC's {@code --to-remote}, which repository imports refuse. */
  public UpdateCommand setToRemote(boolean b) {
    this.toRemote = b;
    return this;
  }

  /** How Git authenticates (token, credential helper, SSH keys). */
  public UpdateCommand setGitAccess(GitAccess a) {
    settings.access = a;
    return this;
  }

  /** Where clones are cached (default {@code CAIRN_REPO_CACHE}, else the user's cache directory). */
  public UpdateCommand setCloneCache(Path dir) {
    settings.cloneCache = dir;
    return this;
  }

  /** Parallel downloads ({@code -j}); 0 for 4 × CPUs. */
  public UpdateCommand setJobs(int jobs) {
    settings.jobs(jobs);
    return this;
  }

  /** How failed downloads are retried. */
  public UpdateCommand setRetryPolicy(RetryPolicy p) {
    settings.retry(p);
    return this;
  }

  /** Wraps every remote storage opened (instrumentation, fault injection). */
  public UpdateCommand setStorageDecorator(UnaryOperator<Storage> d) {
    settings.decorator(d);
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  UpdateResult run() throws IOException, CairnException {
    if (targets.isEmpty()) {
      throw CairnException.invalidInput("Name the imports to update: their .dvc files (or directories with -R)");
    }
    if (toRemote && noDownload) {
      throw CairnException.invalidInput("--to-remote can't be used with --no-download");
    }
    List<DvcFile> files = collect();
    List<Updated> out = new ArrayList<>();
    try (Registry registry = settings.registry(repo.env(), monitor)) {
      for (DvcFile f : files) {
        if (f.isRepoImport()) {
          if (toRemote) {
            throw CairnException.invalidInput("Data imported from other DVC or Git repositories can't be updated with"
                + " --to-remote (" + repo.relativize(f.file()) + ")");
          }
          out.add(updateRepoImport(registry, f));
        } else {
          out.add(UrlImports.update(repo, f, noDownload, toRemote, settings, monitor));
        }
      }
    }
    return new UpdateResult(out);
  }

  /** The import files the targets name, each once. */
  private List<DvcFile> collect() throws IOException, CairnException {
    Path root = repo.root();
    Set<Path> chosen = new LinkedHashSet<>();
    List<DvcFile> all = null;
    for (Path t : targets) {
      Path abs = root.resolve(t).toAbsolutePath().normalize();
      if (recursive && Files.isDirectory(abs)) {
        if (all == null) {
          all = new TrackedCollector(root, new DvcIgnore(root)).dvcFiles();
        }
        for (DvcFile f : all) {
          if (f.file().toAbsolutePath().normalize().startsWith(abs) && f.importDep() != null) {
            chosen.add(f.file().toAbsolutePath().normalize());
          }
        }
        continue;
      }
      Path file = abs.getFileName().toString().endsWith(DvcFile.SUFFIX) ? abs : ImportTargets.dvcFileOf(abs);
      if (!Files.isRegularFile(file)) {
        throw CairnException.invalidInput("'" + repo.relativize(abs) + "' is not an import: no " + repo.relativize(file)
            + (Files.isDirectory(abs) ? "; use -R to update the imports in a directory" : ""));
      }
      chosen.add(file);
    }
    List<DvcFile> out = new ArrayList<>();
    for (Path p : chosen) {
      DvcFile f = DvcFile.read(p);
      if (f.importDep() == null) {
        throw CairnException.invalidInput("'" + repo.relativize(p) + "' is not an import (written by import or"
            + " import-url); there is nothing to update");
      }
      out.add(f);
    }
    return out;
  }

  private Updated updateRepoImport(Registry registry, DvcFile f) throws IOException, CairnException {
    String name = repo.relativize(f.file());
    RepoDep dep;
    try {
      dep = RepoDep.of(f.importDep());
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(name + ": " + e.getMessage());
    }
    String wanted = rev != null ? rev : dep.rev();
    SourceRepo src = registry.open(dep.url(), repo.root(), wanted, true);
    Map<String, Object> outEntry = f.outs().get(0);
    Path target = f.baseDir().resolve(String.valueOf(outEntry.get("path"))).normalize();
    boolean sameCommit = src.rev().equals(dep.revLock()) && (rev == null || rev.equals(dep.rev()));
    if (sameCommit && !noDownload && outEntry.get("md5") != null) {
      Tracked t = new Tracked(name, f.file(), f, outEntry, target);
      if (OutputStatus.of(t, repo.odb(), repo.hasher(), monitor) == null) {
        return new Updated(name, dep.revLock(), src.rev(), false, TransferResult.empty());
      }
    }
    SourceTree.Target t = src.tree().resolve(dep.path());
    if (t == null) {
      throw CairnException.failed("Cannot update " + name + ": '" + dep.path() + "' no longer exists in "
          + src.describe() + " (moved or deleted there); import its new path, or keep this one with --rev "
          + (dep.revLock() == null ? "<commit>" : dep.revLock().substring(0, 7)));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> repoMap = (Map<String, Object>) f.importDep().get("repo");
    Path configFile = dep.config() == null ? null : repo.root().resolve(dep.config());
    if (noDownload) {
      if (rev != null) {
        repoMap.put("rev", rev);
      }
      repoMap.put("rev_lock", src.rev());
      ImportStage.setData(outEntry, null);
      ImportStage.refreshMd5(f.contents());
      f.write();
      return new Updated(name, dep.revLock(), src.rev(), true, TransferResult.empty());
    }
    Materialized data = registry.materialize(src, t, repo.odb(), dep.remote(), configFile);
    Map<String, Object> newEntry = new LinkedHashMap<>(outEntry);
    ImportStage.setData(newEntry, data);
    ImportTargets.checkout(repo, f.file(), newEntry, target, false, monitor);
    if (rev != null) {
      repoMap.put("rev", rev);
    }
    repoMap.put("rev_lock", src.rev());
    ImportStage.setData(outEntry, data);
    ImportStage.refreshMd5(f.contents());
    f.write();
    return new Updated(name, dep.revLock(), src.rev(), true, data.transfer());
  }
}
