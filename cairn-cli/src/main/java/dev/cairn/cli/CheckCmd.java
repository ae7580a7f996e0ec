package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.ci.CheckRequest;
import dev.cairn.ci.Checks;
import dev.cairn.ci.PullRequestReports;
import dev.cairn.errors.CairnException;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.report.CairnYaml;
import dev.cairn.report.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", description = "Publish a Markdown report as a check of a commit, as cml check create does.",
    subcommands = CheckCmd.Create.class)
final class CheckCmd extends GroupCommand {
  @Command(name = "create", description = {
      "Publish the report as a check of the CI run's commit: on GitHub a check run (the report as its summary, the conclusion, each failed gate as an annotation of cairn.yaml; needs 'permissions: checks: write' and GITHUB_TOKEN or an App token); elsewhere a commit status, plus the report as a comment since a status carries one line. A rerun updates the check of the same name. Prints the check's address.",
      "The conclusion is --conclusion, else that of the gates in cairn.yaml (as 'cairn report' evaluates them against the base), else success."})
  static final class Create extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<file>", description = "The Markdown report.")
    Path file;

    @Option(names = "--title", paramLabel = "<name>", defaultValue = CheckRequest.DEFAULT_NAME, description = "The check's name, which identifies it across reruns (CML's --title). Default: ${DEFAULT-VALUE}.")
    String name;

    @Option(names = "--conclusion", paramLabel = "<conclusion>", description = "success, failure or neutral. Default: from the gates of cairn.yaml, else success.")
    String conclusion;

    @Option(names = "--base", paramLabel = "<rev>", description = "The revision the gates compare with (default: as for 'cairn report'); unused with --conclusion.")
    String base;

    @Option(names = {"--commit-sha", "--head-sha"}, paramLabel = "<sha>", description = "The commit to attach the check to. Default: the CI run's, else HEAD.")
    String commitSha;

    @Option(names = "--publish", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Upload the report's local images to the forge (or to --publish-url) and link them. Default: on.")
    boolean publish = true;

    @Option(names = "--publish-url", paramLabel = "<url>", description = "Upload images to this asset server instead.")
    String publishUrl;

    @Mixin
    ForgeOptions forge;

    @Override
    int doCall() throws Exception {
      Path report = workDir().resolve(file);
      if (!Files.isRegularFile(report)) {
        throw CairnException.invalidInput("Report file '" + report + "' does not exist");
      }
      Checks.Outcome outcome = conclusion != null ? Checks.Outcome.given(parse(conclusion)) : fromGates();
      CheckRequest request = new CheckRequest(forge.request(commitSha), name, publish, publishUrl);
      CheckResult r = Checks.publish(report, workDir(), request, outcome, true, env(), err()::println);
      info("Check '" + name + "': " + r.conclusion().id()
          + (r.annotations() > 0 ? ", " + r.annotations() + " annotations" : "") + " on " + r.headSha());
      r.report().ifPresent(c -> info("Report: " + c.url()));
      out().println(r.url());
      return 0;
    }

    private static CheckConclusion parse(String s) throws CairnException {
      try {
        return CheckConclusion.parse(s);
      } catch (IllegalArgumentException e) {
        throw CairnException.invalidInput("--conclusion: " + e.getMessage());
      }
    }

    /** The gates' outcome when in a Cairn repository whose cairn.yaml has gates; else success. */
    private Checks.Outcome fromGates() throws Exception {
      Cairn cairn;
      try {
        cairn = open();
      } catch (CairnException e) {
        return Checks.Outcome.given(CheckConclusion.SUCCESS);
      }
      try (cairn) {
        Path root = cairn.repo().root();
        CairnYaml config = CairnYaml.load(root);
        if (config.gates().isEmpty()) {
          return Checks.Outcome.given(CheckConclusion.SUCCESS);
        }
        String rev = PullRequestReports.base(root, base, config, PullRequestReports.ci(env()));
        Report r = PullRequestReports.build(root, cairn.repo().odb(), config, rev, null, PullRequestReports.ci(env()),
            List.of());
        return Checks.Outcome.ofGates(r.gates(), Files.readString(root.resolve(CairnYaml.FILE_NAME), StandardCharsets.UTF_8));
      }
    }
  }
}
