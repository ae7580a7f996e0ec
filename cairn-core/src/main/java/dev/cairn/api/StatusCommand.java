package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import dev.cairn.repro.StatusResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status}: what differs between the workspace and the hashes recorded in {@code .dvc}
 * files and {@code dvc.lock}, in DVC's shape: {@code {"data.dvc": [{"changed outs": {"data":
 * "modified"}}], "train": [{"changed deps": {"params.yaml": {"lr": "modified"}}}, "changed
 * command"]}}. Pipeline stages come first, in graph order, then {@code .dvc} files; addresses and
 * paths are relative to the working directory, as DVC's are. Unchanged files are answered from the
 * state cache without reading their contents. Targets may be outputs, {@code
 * .dvc} files, stage names ({@code train}, {@code dvc.yaml:train}) or {@code dvc.yaml} files.
 */
public final class StatusCommand extends RepoCommand<StatusResult> {
  private final List<Path> targets = new ArrayList<>();
  private Path cwd;
  private boolean withDeps;

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

  @Override
  boolean writes() {
    return false;
  }

  @Override
  StatusResult run() throws IOException, CairnException {
    return StatusResult.of(repo, targets, cwd, withDeps, monitor);
  }
}
