package dev.cairn.cli;

import dev.cairn.ci.CiJob;
import dev.cairn.ci.Workflows;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", description = {
    "The whole CI job, the same locally and in CI: pull (when a remote is configured), run the tests (ci.test_command in cairn.yaml, default 'mvn -B test'), repro, write the report against the base (the pull request's target branch, else main), post it on the pull request when a token and a pull request exist. Exits 1 when a step, a test or a gate failed."})
final class CiRunCmd extends BaseCommand {
  @Option(names = "--base", paramLabel = "<rev>", description = "Revision to compare with (default: as for 'cairn report').")
  String base;

  @Option(names = "--skip-tests", description = "Do not run the test command.")
  boolean skipTests;

  @Option(names = "--skip-pull", description = "Do not pull data from the remote.")
  boolean skipPull;

  @Option(names = "--no-comment", description = "Do not post the report, only write it.")
  boolean noComment;

  @Option(names = "--check", description = "Also publish the report as a check of the commit (a GitHub check run, a commit status elsewhere): conclusion failure when a step, a test or a gate failed, each failed gate an annotation. With --no-comment, the check replaces the comment.")
  boolean check;

  @Option(names = "--check-name", paramLabel = "<name>", defaultValue = dev.cairn.ci.CheckRequest.DEFAULT_NAME, description = "The check's name, which identifies it across reruns. Default: ${DEFAULT-VALUE}.")
  String checkName;

  @Option(names = "--md-out", paramLabel = "<file>", defaultValue = Workflows.REPORT_DIR + "/report.md",
      description = "Where to write the report. Default: ${DEFAULT-VALUE}.")
  Path mdOut;

  @Mixin
  CommentOptions comment;

  @Override
  int doCall() throws Exception {
    CiJob.Result r = CiJob.in(workDir(), env()).setBase(base).setSkipTests(skipTests).setSkipPull(skipPull)
        .setNoComment(noComment).setMarkdownOut(workDir().resolve(mdOut)).setComment(CiRunPrinter.request(comment))
        .setCheck(check ? checkName : null)
        .setListener(new CiRunPrinter(this)).call();
    out().println(r.markdown());
    if (r.failed()) {
      throw new ExitException(ExitCodes.FAILED, "cairn ci run: " + String.join(", ", r.failures()) + " (see "
          + r.markdown() + ")");
    }
    return 0;
  }
}
