package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.internal.FileTrees;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.repo.Repo;
import dev.cairn.repro.LockedOutputs;
import dev.cairn.repro.PipelineIndex;
import dev.cairn.repro.Unprotect;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.RepoLock;
import dev.cairn.workspace.Tracked;
import dev.cairn.workspace.TrackedCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code destroy}: removes everything DVC added to a repository, as {@code dvc destroy} does: every
 * output is unprotected first (links into the cache become private copies, so the data stays in the
 * workspace), then every {@code .dvc} file, {@code dvc.yaml} and {@code dvc.lock} is deleted, then
 * the root {@code .dvcignore} and the whole {@code .dvc} directory — config, local config, the
 * cache when it is inside it, and temp files. A cache configured elsewhere ({@code cache.dir}) is
 * kept, as are {@code .gitignore} lines. Symlinks are deleted, never followed. The caller confirms
 * first: this cannot be undone.
 */
public final class DestroyCommand extends RepoCommand<DestroyCommand.DestroyResult> {
  DestroyCommand(Repo repo) {
    super(repo);
  }

  /**
   * What was removed.
   *
   * @param files the {@code .dvc}, {@code dvc.yaml} and {@code dvc.lock} files deleted, repo-relative
   * @param keptCache the cache directory when it lies outside {@code .dvc} and was kept, else null
   */
  public record DestroyResult(List<String> files, Path keptCache) {
    public DestroyResult {
      files = List.copyOf(files);
    }
  }

  /** Not under {@link Repo#call}'s lock: the lock file itself goes with {@code .dvc}; the lock is taken here. */
  @Override
  boolean writes() {
    return false;
  }

  @Override
  DestroyResult run() throws IOException, CairnException {
    Path root = repo.root();
    List<String> removed = new ArrayList<>();
    try (RepoLock lock = RepoLock.acquire(repo.dvcDir(), Repo.LOCK_WAIT_MS)) {
      List<DvcFile> dvcFiles = new TrackedCollector(root, new DvcIgnore(root)).dvcFiles();
      PipelineIndex index = PipelineIndex.load(repo);
      List<Tracked> outs = new ArrayList<>(new TrackedCollector(root, new DvcIgnore(root)).outputs());
      outs.addAll(LockedOutputs.tracked(repo, index, List.of()));
      for (Tracked t : outs) {
        if (t.path().startsWith(root)) {
          Unprotect.tree(t.path());
        }
      }
      for (DvcFile f : dvcFiles) {
        Files.deleteIfExists(f.file());
        removed.add(repo.relativize(f.file()));
      }
      for (Pipeline p : index.pipelines()) {
        for (String name : List.of("dvc.yaml", "dvc.lock")) {
          Path f = root.resolve(p.dir()).resolve(name);
          if (Files.deleteIfExists(f)) {
            removed.add(repo.relativize(f));
          }
        }
      }
    }
    Files.deleteIfExists(root.resolve(DvcIgnore.FILE));
    Path cache = repo.cacheDir().toAbsolutePath().normalize();
    repo.close();
    FileTrees.delete(repo.dvcDir());
    return new DestroyResult(removed, cache.startsWith(repo.dvcDir()) ? null : cache);
  }
}
