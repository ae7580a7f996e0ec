package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.config.DvcConfig;
import dev.cairn.forge.CommentResult;
import dev.cairn.forge.ci.CiEnvironment;
import dev.cairn.forge.ci.ForgeTokens;
import dev.cairn.report.CairnYaml;
import dev.cairn.report.Report;
import dev.cairn.report.StepOutcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", description = {
    "The whole CI job, the same locally and in CI: pull (when a remote is configured), run the tests",
    "(ci.test_command in cairn.yaml, default 'mvn -B test'), repro, write the report against the base",
    "(the pull request's target branch, else main), post it on the pull request when a token and a pull",
    "request exist. Exits 1 when a step, a test or a gate failed."})
final class CiRunCmd extends BaseCommand {
  @Option(names = "--base", paramLabel = "<rev>", description = "Revision to compare with (default: as for 'cairn report').")
  String base;

  @Option(names = "--skip-tests", description = "Do not run the test command.")
  boolean skipTests;

  @Option(names = "--skip-pull", description = "Do not pull data from the remote.")
  boolean skipPull;

  @Option(names = "--no-comment", description = "Do not post the report, only write it.")
  boolean noComment;

  @Option(names = "--md-out", paramLabel = "<file>", defaultValue = Workflows.REPORT_DIR + "/report.md",
      description = "Where to write the report. Default: ${DEFAULT-VALUE}.")
  Path mdOut;

  @Mixin
  CommentOptions comment;

  @Override
  int doCall() throws Exception {
    Path root;
    boolean hasRemote;
    try (Cairn cairn = open()) {
      root = cairn.repo().root();
      DvcConfig config = cairn.repo().config();
      hasRemote = !config.remoteNames().isEmpty();
    }
    CairnYaml config = CairnYaml.load(root);
    Optional<CiEnvironment> ci = ReportSupport.ci(env());
    List<StepOutcome> steps = new ArrayList<>();

    if (skipPull) {
      steps.add(new StepOutcome("pull", StepOutcome.Status.SKIPPED, "--skip-pull"));
    } else if (!hasRemote) {
      steps.add(new StepOutcome("pull", StepOutcome.Status.SKIPPED, "no remote configured"));
    } else {
      steps.add(cli("pull", root, "pull"));
    }

    if (skipTests) {
      steps.add(new StepOutcome("tests", StepOutcome.Status.SKIPPED, "--skip-tests"));
    } else if (!config.ci().runsTests()) {
      steps.add(new StepOutcome("tests", StepOutcome.Status.SKIPPED, "ci.test_command is empty in cairn.yaml"));
    } else {
      steps.add(tests(root, config.ci().testCommand()));
    }

    steps.add(cli("repro", root, "repro"));

    String rev = ReportSupport.base(root, base, config, ci);
    Path md = workDir().resolve(mdOut);
    Report report;
    try (Cairn cairn = open()) {
      report = ReportSupport.build(root, cairn.repo().odb(), config, rev, md, ci, steps);
    }
    steps.add(new StepOutcome("report", StepOutcome.Status.OK, "against " + rev + ": " + root.relativize(md.toAbsolutePath())));
    report = report.withSteps(steps);
    ReportSupport.write(report, md);
    report.warnings().forEach(w -> info("WARNING: " + w));

    StepOutcome posted = comment(md, ci);
    info("cairn ci run: " + posted.name() + " " + posted.status().label() + ": " + posted.detail());
    if (posted.status() != StepOutcome.Status.SKIPPED) {
      steps.add(posted);
      ReportSupport.write(report.withSteps(steps), md);
    }
    out().println(md);

    List<String> failures = new ArrayList<>();
    steps.stream().filter(s -> s.status() == StepOutcome.Status.FAILED && !s.name().equals("comment"))
        .forEach(s -> failures.add(s.name() + " failed"));
    if (!report.tests().ok()) {
      failures.add((report.tests().failures() + report.tests().errors()) + " tests failed");
    }
    long failedGates = report.gates().stream().filter(g -> !g.passed()).count();
    if (failedGates > 0) {
      failures.add(failedGates + " of " + report.gates().size() + " gates failed");
    }
    if (!failures.isEmpty()) {
      throw new ExitException(ExitCodes.FAILED, "cairn ci run: " + String.join(", ", failures) + " (see " + md + ")");
    }
    return 0;
  }

  /** Runs one of the CLI's own commands in this process, with the same writers and environment. */
  private StepOutcome cli(String name, Path root, String... args) {
    List<String> all = new ArrayList<>(List.of("-C", root.toString()));
    if (root().quiet) {
      all.add("-q");
    }
    all.addAll(List.of(args));
    info("cairn ci run: " + name);
    int code = CliContext.commandLine(err(), err(), root().terminal, env()).execute(all.toArray(String[]::new));
    return new StepOutcome(name, code == 0 ? StepOutcome.Status.OK : StepOutcome.Status.FAILED,
        "cairn " + String.join(" ", args) + (code == 0 ? "" : " exited with " + code));
  }

  /** Runs the test command through the shell in the repository root; its output goes to stderr. */
  private StepOutcome tests(Path root, String command) throws Exception {
    info("cairn ci run: tests: " + command);
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    ProcessBuilder pb = new ProcessBuilder(windows ? List.of("cmd", "/c", command) : List.of("sh", "-c", command))
        .directory(root.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env());
    Process p = pb.start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (!root().quiet) {
          err().println(line);
        }
      }
    }
    int code = p.waitFor();
    return new StepOutcome("tests", code == 0 ? StepOutcome.Status.OK : StepOutcome.Status.FAILED,
        command + (code == 0 ? "" : " exited with " + code));
  }

  /** Posts the report when a forge token and a pull request (or an explicit target) exist. */
  private StepOutcome comment(Path md, Optional<CiEnvironment> ci) {
    if (noComment) {
      return new StepOutcome("comment", StepOutcome.Status.SKIPPED, "--no-comment");
    }
    boolean explicitTarget = !"auto".equals(comment.target);
    if (ci.isEmpty() && comment.forge == null) {
      return new StepOutcome("comment", StepOutcome.Status.SKIPPED, "not in a CI run; the report is " + md);
    }
    if (ci.isPresent() && !ci.get().hasPullRequest() && !explicitTarget) {
      return new StepOutcome("comment", StepOutcome.Status.SKIPPED, "no pull request; the report is " + md);
    }
    if (ci.isPresent() && comment.forge == null
        && ForgeTokens.resolve(comment.token, ci.get().forge(), env()).isEmpty()) {
      return new StepOutcome("comment", StepOutcome.Status.SKIPPED, "no forge token ("
          + String.join(", ", ForgeTokens.variables(ci.get().forge())) + "); the report is " + md);
    }
    try {
      CommentResult r = CommentSupport.post(md, comment, true, env(), err());
      return new StepOutcome("comment", StepOutcome.Status.OK, r.action().name().toLowerCase(Locale.ROOT) + " " + r.url());
    } catch (Exception e) {
      return new StepOutcome("comment", StepOutcome.Status.FAILED, String.valueOf(e.getMessage()));
    }
  }
}
