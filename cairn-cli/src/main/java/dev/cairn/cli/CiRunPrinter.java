package dev.cairn.cli;

import dev.cairn.api.PullCommand;
import dev.cairn.ci.CiJob;
import dev.cairn.ci.CommentRequest;
import dev.cairn.errors.CairnException;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.repro.ReproListener;
import java.io.PrintWriter;

/**
 * Prints what {@code ci run} prints: the job's lines unless {@code -q}, and, for the pull and repro
 * steps, what {@code cairn pull} and {@code cairn repro} print (to stderr, so that stdout carries
 * only the report's path), with {@code ERROR: ...} for a failed step.
 */
final class CiRunPrinter implements CiJob.Listener {
  private final BaseCommand cmd;
  private final PrintWriter err;
  private final boolean quiet;

  CiRunPrinter(BaseCommand cmd) {
    this.cmd = cmd;
    this.err = cmd.err();
    this.quiet = cmd.root().quiet;
  }

  /** The {@code comment} options as the CI library takes them. */
  static CommentRequest request(CommentOptions o) {
    return new CommentRequest(o.target, o.token, o.watermarkTitle, o.publish, o.publishUrl, o.forge, o.repo, o.apiUrl,
        o.commitSha);
  }

  @Override
  public void info(String line) {
    cmd.info(line);
  }

  @Override
  public void warning(String line) {
    err.println(line);
  }

  @Override
  public void testOutput(String line) {
    if (!quiet) {
      err.println(line);
    }
  }

  @Override
  public void pulled(PullCommand.PullResult result) {
    if (!quiet) {
      TransferOutput.printPull(err, result);
    }
  }

  @Override
  public void stepFailed(String step, Exception e) {
    err.println(e instanceof CairnException ? "ERROR: " + e.getMessage()
        : "ERROR: internal error: " + e + " (please report it; run with --verbose for the stack trace)");
    err.flush();
  }

  @Override
  public ReproListener repro() {
    return new ReproCmd.Printer(err, err, false, quiet);
  }

  @Override
  public ProgressMonitor progress() {
    return cmd.monitor();
  }
}
