package dev.cairn.ci;

import dev.cairn.api.Cairn;
import dev.cairn.api.PullCommand;
import dev.cairn.errors.CairnException;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CommentResult;
import dev.cairn.forge.ci.CiEnvironment;
import dev.cairn.forge.ci.ForgeTokens;
import dev.cairn.progress.NullProgressMonitor;
import dev.cairn.progress.ProgressMonitor;
import dev.cairn.report.CairnYaml;
import dev.cairn.report.Report;
import dev.cairn.report.StepOutcome;
import dev.cairn.repro.ReproListener;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The CI job ({@code cairn ci run}), the same locally and in CI: pull (when a remote is
 * configured), run the tests ({@code ci.test_command} in {@code cairn.yaml}), repro, write the
 * report against the base (the pull request's target branch, else {@code report.base}, else {@code
 * main}), and post it on the pull request when a forge token and a pull request exist (and, with
 * {@link #setCheck}, publish it as a check of the commit: {@link Checks}). Pull and
 * repro run through the porcelain ({@link Cairn#pull()}, {@link Cairn#repro()}); nothing here
 * prints: lines go to a {@link Listener}. A single-use command, configured with setters:
 *
 * <pre>{@code
 * CiJob.Result r = CiJob.in(dir, System.getenv()).setMarkdownOut(dir.resolve("report/report.md")).call();
 * if (r.failed()) { ... r.failures() ... }
 * }</pre>
 *
 * <p>A failed step, test or gate does not throw: it is in the {@link Result}. What throws is what
 * stops the job before a report exists: not a repository, an invalid {@code cairn.yaml}, an unknown
 * base revision ({@link CairnException}), or an I/O failure writing the report.
 */
public final class CiJob {
  /** Where the job's lines go; every method may be called from the job's thread only. */
  public interface Listener {
    /** A line about the job ({@code "cairn ci run: pull"}, warnings, the comment's outcome). */
    default void info(String line) {}

    /** A warning that must be seen even when info lines are not (images that could not be uploaded). */
    default void warning(String line) {}

    /** A line the test command printed (stdout and stderr merged). */
    default void testOutput(String line) {}

    /** What the pull step brought. */
    default void pulled(PullCommand.PullResult result) {}

    /** A step (pull, repro) failed with this exception: a {@link CairnException}, or a bug. */
    default void stepFailed(String step, Exception e) {}

    /** Where the repro step's log lines and command output go. */
    default ReproListener repro() {
      return ReproListener.NONE;
    }

    /** The pull step's progress. */
    default ProgressMonitor progress() {
      return NullProgressMonitor.INSTANCE;
    }
  }

  /**
   * What the job did.
   *
   * @param report the report as written, with every step
   * @param markdown where the Markdown was written
   * @param failures what failed ({@code "tests failed"}, {@code "1 of 2 gates failed"}), empty when
   *     the job passed; a comment that could not be posted is not a failure
   */
  public record Result(Report report, Path markdown, List<String> failures) {
    public Result {
      failures = List.copyOf(failures);
    }

    /** Whether a step, a test or a gate failed. */
    public boolean failed() {
      return !failures.isEmpty();
    }
  }

  private final Path dir;
  private final Map<String, String> env;
  private String base;
  private boolean skipTests;
  private boolean skipPull;
  private boolean noComment;
  private Path markdownOut;
  private CommentRequest comment = CommentRequest.fromCi();
  private Listener listener = new Listener() {};
  private String check;
  private ForgeConnection connection;
  private boolean called;

  private CiJob(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = Map.copyOf(env);
  }

  /**
   * The job for the repository containing {@code dir}.
   *
   * @param env the environment: the CI run's variables, forge tokens, and what the test command sees
   */
  public static CiJob in(Path dir, Map<String, String> env) {
    return new CiJob(dir.toAbsolutePath().normalize(), env);
  }

  /** The revision to compare with; by default as for {@code cairn report}. */
  public CiJob setBase(String base) {
    this.base = base;
    return this;
  }

  /** Do not run the test command. */
  public CiJob setSkipTests(boolean skipTests) {
    this.skipTests = skipTests;
    return this;
  }

  /** Do not pull data from the remote. */
  public CiJob setSkipPull(boolean skipPull) {
    this.skipPull = skipPull;
    return this;
  }

  /** Only write the report; do not post it. */
  public CiJob setNoComment(boolean noComment) {
    this.noComment = noComment;
    return this;
  }

  /** Where to write the report; {@code report/report.md} under the repository root by default. */
  public CiJob setMarkdownOut(Path markdownOut) {
    this.markdownOut = markdownOut;
    return this;
  }

  /** How to post the comment; from the CI environment by default. */
  public CiJob setComment(CommentRequest comment) {
    this.comment = Objects.requireNonNull(comment);
    return this;
  }

  /**
   * Also publish the report as a check named {@code name} ({@code null}: no check), through the
   * comment's forge options: conclusion failure when a step, a test or a gate failed, each failed
   * gate an annotation. Where a status cannot carry the report, it is posted as a comment only when
   * the report comment was not.
   */
  public CiJob setCheck(String name) {
    this.check = name == null ? null : new CheckRequest(ForgeRequest.fromCi(), name, true, null).name();
    return this;
  }

  /** Where lines go; dropped by default. */
  public CiJob setListener(Listener listener) {
    this.listener = Objects.requireNonNull(listener);
    return this;
  }

  /** Runs the job once. */
  public Result call() throws CairnException, IOException {
    if (called) {
      throw new IllegalStateException("CiJob can only be called once");
    }
    called = true;
    Path root;
    boolean hasRemote;
    try (Cairn cairn = Cairn.open(dir, env)) {
      root = cairn.repo().root();
      hasRemote = !cairn.repo().config().remoteNames().isEmpty();
    }
    CairnYaml config = CairnYaml.load(root);
    Optional<CiEnvironment> ci = PullRequestReports.ci(env);
    List<StepOutcome> steps = new ArrayList<>();

    if (skipPull) {
      steps.add(new StepOutcome("pull", StepOutcome.Status.SKIPPED, "--skip-pull"));
    } else if (!hasRemote) {
      steps.add(new StepOutcome("pull", StepOutcome.Status.SKIPPED, "no remote configured"));
    } else {
      steps.add(pull(root));
    }

    if (skipTests) {
      steps.add(new StepOutcome("tests", StepOutcome.Status.SKIPPED, "--skip-tests"));
    } else if (!config.ci().runsTests()) {
      steps.add(new StepOutcome("tests", StepOutcome.Status.SKIPPED, "ci.test_command is empty in cairn.yaml"));
    } else {
      steps.add(tests(root, config.ci().testCommand()));
    }

    steps.add(repro(root));

    String rev = PullRequestReports.base(root, base, config, ci);
    Path md = markdownOut != null ? markdownOut : root.resolve(Workflows.REPORT_DIR).resolve("report.md");
    Report report;
    try (Cairn cairn = Cairn.open(root, env)) {
      report = PullRequestReports.build(root, cairn.repo().odb(), config, rev, md, ci, steps);
    }
    steps.add(new StepOutcome("report", StepOutcome.Status.OK, "against " + rev + ": " + root.relativize(md.toAbsolutePath())));
    report = report.withSteps(steps);
    PullRequestReports.write(report, md);
    report.warnings().forEach(w -> listener.info("WARNING: " + w));

    List<String> failures = new ArrayList<>();
    steps.stream().filter(st -> st.status() == StepOutcome.Status.FAILED)
        .forEach(st -> failures.add(st.name() + " failed"));
    if (!report.tests().ok()) {
      failures.add((report.tests().failures() + report.tests().errors()) + " tests failed");
    }
    long failedGates = report.gates().stream().filter(g -> !g.passed()).count();
    if (failedGates > 0) {
      failures.add(failedGates + " of " + report.gates().size() + " gates failed");
    }

    StepOutcome posted = comment(md, ci);
    listener.info("cairn ci run: " + posted.name() + " " + posted.status().label() + ": " + posted.detail());
    if (posted.status() != StepOutcome.Status.SKIPPED) {
      steps.add(posted);
      report = report.withSteps(steps);
      PullRequestReports.write(report, md);
    }
    if (check != null) {
      String yaml = Files.isRegularFile(root.resolve(CairnYaml.FILE_NAME))
          ? Files.readString(root.resolve(CairnYaml.FILE_NAME), StandardCharsets.UTF_8) : "";
      StepOutcome checked = check(root, md, ci, Checks.Outcome.of(report.gates(), failures, yaml),
          posted.status() != StepOutcome.Status.OK);
      listener.info("cairn ci run: " + checked.name() + " " + checked.status().label() + ": " + checked.detail());
      if (checked.status() != StepOutcome.Status.SKIPPED) {
        steps.add(checked);
        report = report.withSteps(steps);
        PullRequestReports.write(report, md);
      }
    }
    return new Result(report, md, failures);
  }

  /** {@code cairn pull} of everything, through the porcelain. */
  private StepOutcome pull(Path root) {
    listener.info("cairn ci run: pull");
    try (Cairn cairn = Cairn.open(root, env)) {
      listener.pulled(cairn.pull().setProgressMonitor(listener.progress()).call());
      return new StepOutcome("pull", StepOutcome.Status.OK, "cairn pull");
    } catch (CairnException | RuntimeException e) {
      return failed("pull", "cairn pull", e);
    }
  }

  /** {@code cairn repro} of every stage, through the porcelain. */
  private StepOutcome repro(Path root) {
    listener.info("cairn ci run: repro");
    try (Cairn cairn = Cairn.open(root, env)) {
      cairn.repro().setWorkingDirectory(root).setListener(listener.repro()).call();
      return new StepOutcome("repro", StepOutcome.Status.OK, "cairn repro");
    } catch (CairnException | RuntimeException e) {
      return failed("repro", "cairn repro", e);
    }
  }

  /** A failed step, with the exit code the command would have had (4 for a bug). */
  private StepOutcome failed(String step, String command, Exception e) {
    listener.stepFailed(step, e);
    int code = e instanceof CairnException ce ? ce.kind().exitCode() : 4;
    return new StepOutcome(step, StepOutcome.Status.FAILED, command + " exited with " + code);
  }

  /** Runs the test command through the shell in the repository root. */
  private StepOutcome tests(Path root, String command) throws IOException {
    listener.info("cairn ci run: tests: " + command);
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    ProcessBuilder pb = new ProcessBuilder(windows ? List.of("cmd", "/c", command) : List.of("sh", "-c", command))
        .directory(root.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        listener.testOutput(line);
      }
    }
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      throw new java.io.InterruptedIOException("Interrupted while the tests ran");
    }
    return new StepOutcome("tests", code == 0 ? StepOutcome.Status.OK : StepOutcome.Status.FAILED,
        command + (code == 0 ? "" : " exited with " + code));
  }

  /** Posts the report when a forge token and a pull request (or an explicit target) exist. */
  private StepOutcome comment(Path md, Optional<CiEnvironment> ci) {
    if (noComment) {
      return new StepOutcome("comment", StepOutcome.Status.SKIPPED, "--no-comment");
    }
    if (ci.isEmpty() && comment.forge() == null) {
      return new StepOutcome("comment", StepOutcome.Status.SKIPPED, "not in a CI run; the report is " + md);
    }
    if (ci.isPresent() && !ci.get().hasPullRequest() && !comment.explicitTarget()) {
      return new StepOutcome("comment", StepOutcome.Status.SKIPPED, "no pull request; the report is " + md);
    }
    if (ci.isPresent() && comment.forge() == null
        && ForgeTokens.resolve(comment.token(), ci.get().forge(), env).isEmpty()) {
      return new StepOutcome("comment", StepOutcome.Status.SKIPPED, "no forge token ("
          + String.join(", ", ForgeTokens.variables(ci.get().forge())) + "); the report is " + md);
    }
    try {
      CommentResult r = Comments.post(md, comment, true, connection(), env, listener::warning);
      return new StepOutcome("comment", StepOutcome.Status.OK, r.action().name().toLowerCase(Locale.ROOT) + " " + r.url());
    } catch (Exception e) {
      return new StepOutcome("comment", StepOutcome.Status.FAILED, String.valueOf(e.getMessage()));
    }
  }

  /** The forge connection the comment and the check share (their images are uploaded once). */
  private ForgeConnection connection() throws CairnException {
    if (connection == null) {
      connection = ForgeConnection.open(comment.forgeRequest(), comment.watermarkTitle(), env, null);
    }
    return connection;
  }

  /** Publishes the report as a check when a forge token exists (in CI, or with an explicit forge). */
  private StepOutcome check(Path root, Path md, Optional<CiEnvironment> ci, Checks.Outcome outcome, boolean postReport) {
    if (ci.isEmpty() && comment.forge() == null) {
      return new StepOutcome("check", StepOutcome.Status.SKIPPED, "not in a CI run; the report is " + md);
    }
    if (ci.isPresent() && comment.forge() == null
        && ForgeTokens.resolve(comment.token(), ci.get().forge(), env).isEmpty()) {
      return new StepOutcome("check", StepOutcome.Status.SKIPPED, "no forge token ("
          + String.join(", ", ForgeTokens.variables(ci.get().forge())) + ")");
    }
    try {
      CheckRequest request = new CheckRequest(comment.forgeRequest(), check, comment.publish(), comment.publishUrl());
      CheckResult r = Checks.publish(md, root, request, outcome, postReport, connection(), env, listener::warning);
      String where = r.url().isEmpty() ? "" : " " + r.url();
      return new StepOutcome("check", StepOutcome.Status.OK, "'" + check + "' " + r.conclusion().id()
          + (r.annotations() > 0 ? " with " + r.annotations() + " annotations" : "") + where);
    } catch (Exception e) {
      return new StepOutcome("check", StepOutcome.Status.FAILED, String.valueOf(e.getMessage()));
    }
  }
}
