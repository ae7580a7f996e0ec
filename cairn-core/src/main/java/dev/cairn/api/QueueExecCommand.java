package dev.cairn.api;

import dev.cairn.api.errors.TransferFailedException;
import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpFailedException;
import dev.cairn.exp.ExpQueue;
import dev.cairn.exp.ExpRef;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.exp.ExpRunner;
import dev.cairn.queue.WorkerSide;
import dev.cairn.repo.Repo;
import dev.cairn.repro.ReproListener;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * {@code queue exec <rev>}: the worker side of a batch executor or a CI matrix job. In a clone that
 * has the entry's commit (the job script fetched it), runs that one queued experiment and sends the
 * result back:
 *
 * <ol>
 *   <li>downloads the cache objects the entry's files record from the DVC remote (what is missing
 *       there is left for the pipeline to produce), unless there is no remote (a shared cache);
 *   <li>runs the entry in a temp workspace and commits the experiment ({@code refs/exps/…}), as
 *       {@code exp run --run-all} does;
 *   <li>uploads the experiment's outputs to the DVC remote, then pushes its ref to {@link
 *       #setGitRemote} (outputs first, so that a ref on the remote never names missing data).
 * </ol>
 *
 * <p>Errors: an unknown commit → {@code INVALID_INPUT}; the experiment failing → {@link
 * ExpFailedException} ({@code FAILED}); a transfer or push failing → {@code FAILED}.
 */
public final class QueueExecCommand extends RepoCommand<ExpRunResult.Experiment> {
  private String rev;
  private String name;
  private String gitRemote;
  private String remote;
  private boolean force;
  private ReproListener listener = ReproListener.NONE;
  private java.util.function.Consumer<String> notes = s -> { };

  QueueExecCommand(Repo repo) {
    super(repo);
  }

  /** The entry's commit (full SHA, or anything Git resolves). */
  public QueueExecCommand setRev(String rev) {
    this.rev = Objects.requireNonNull(rev);
    return this;
  }

  /** The experiment's name, when the submitting side chose one (an entry queued without a name). */
  public QueueExecCommand setName(String name) {
    this.name = name;
    return this;
  }

  /** The Git remote to push the experiment ref to; none: the ref stays in this clone. */
  public QueueExecCommand setGitRemote(String gitRemote) {
    this.gitRemote = gitRemote;
    return this;
  }

  /** The DVC remote ({@code -r}); default: the repository's {@code core.remote}. */
  public QueueExecCommand setRemote(String remote) {
    this.remote = remote;
    return this;
  }

  /** Replace an experiment of the same name on the Git remote (a re-run CI job). */
  public QueueExecCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  /** Where repro lines and the stages' output go. */
  public QueueExecCommand setListener(ReproListener listener) {
    this.listener = Objects.requireNonNull(listener);
    return this;
  }

  /** Where the steps' one-line notes go (fetching, pushing). */
  public QueueExecCommand setNotes(java.util.function.Consumer<String> notes) {
    this.notes = Objects.requireNonNull(notes);
    return this;
  }

  @Override
  boolean writes() {
    return false; // each step takes the lock of the workspace it works in
  }

  @Override
  ExpRunResult.Experiment run() throws IOException, CairnException {
    if (rev == null) {
      throw CairnException.invalidInput("queue exec needs the entry's commit");
    }
    ExpQueue.Entry e = WorkerSide.entry(repo, rev);
    if (name != null) {
      if (!ExpRef.isValidName(name)) {
        throw CairnException.invalidInput("invalid experiment name '" + name + "'");
      }
      e = e.withName(name);
    }
    boolean hasRemote = remote != null || !blank(repo.config().get("core", "remote"));
    if (hasRemote) {
      notes.accept("Fetching the inputs of '" + e.name() + "' from the DVC remote");
      try {
        CommitOutputs f = CommitOutputs.fetch(repo, List.of(e.commit()));
        if (remote != null) {
          f.setRemote(remote);
        }
        f.call();
      } catch (TransferFailedException ex) {
        notes.accept("WARNING: " + ex.getMessage() + " (the pipeline must produce what is missing)");
      }
    } else {
      notes.accept("No DVC remote: inputs and outputs stay in the cache (" + repo.cacheDir() + ")");
    }
    ExpRunner.EntryOutcome out = new ExpRunner(repo).runEntry(e, listener, false);
    if (out.failed() != null) {
      ExpRunResult.Failed f = out.failed();
      throw new ExpFailedException("experiment '" + f.name() + "' failed: " + f.message()
          + (f.exitCode() == null ? "" : " (exit code " + f.exitCode() + ")"),
          new ExpRunResult(List.of(), List.of(), List.of(f), false));
    }
    ExpRunResult.Experiment x = out.experiment();
    if (hasRemote) {
      notes.accept("Pushing the outputs of '" + x.name() + "' to the DVC remote");
      CommitOutputs p = CommitOutputs.push(repo, List.of(ObjectId.fromString(x.commit())));
      if (remote != null) {
        p.setRemote(remote);
      }
      p.call();
    }
    if (gitRemote != null) {
      notes.accept("Pushing " + x.ref() + " to the Git remote");
      WorkerSide.pushRef(repo, gitRemote, x.ref(), force);
    }
    return x;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
