package dev.cairn.ci;

import dev.cairn.errors.CairnException;
import dev.cairn.forge.CheckAnnotation;
import dev.cairn.forge.CheckConclusion;
import dev.cairn.forge.CheckResult;
import dev.cairn.forge.CheckRun;
import dev.cairn.forge.CommentTarget;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ci.CiEnvironment;
import dev.cairn.report.CairnYaml;
import dev.cairn.report.GateResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Publishes a Markdown report as a check of a commit, as {@code cml check create} does: on GitHub a
 * check run (the report as its summary, a conclusion, annotations), elsewhere the forge's commit
 * status plus the report as a comment ({@link dev.cairn.forge.CheckPublisher}). The conclusion and
 * annotations come from the gates ({@link Outcome#of}) or are given.
 */
public final class Checks {
  private Checks() {}

  /**
   * What a check reports.
   *
   * @param conclusion success, failure or neutral
   * @param title one line, e.g. {@code 1 of 3 gates failed}; empty for {@code <name>: <conclusion>}
   * @param annotations one per failed gate, on its line of {@code cairn.yaml}
   */
  public record Outcome(CheckConclusion conclusion, String title, List<CheckAnnotation> annotations) {
    /** Checks for nulls and copies the list. */
    public Outcome {
      Objects.requireNonNull(conclusion, "conclusion");
      Objects.requireNonNull(title, "title");
      annotations = List.copyOf(annotations);
    }

    /** A given conclusion, with no title of its own and no annotations. */
    public static Outcome given(CheckConclusion conclusion) {
      return new Outcome(conclusion, "", List.of());
    }

    /**
     * The outcome of a job: failure when anything failed (tests, steps, gates), else success; the
     * title lists what failed (or how many gates passed); each failed gate is an annotation of
     * {@code cairn.yaml} at the line that declares it.
     *
     * @param gates the gates' results
     * @param failures what failed, as {@link CiJob.Result#failures()} words it (gates included)
     * @param cairnYaml the text of {@code cairn.yaml}, for the annotations' lines; empty if none
     */
    public static Outcome of(List<GateResult> gates, List<String> failures, String cairnYaml) {
      List<CheckAnnotation> annotations = new ArrayList<>();
      for (GateResult g : gates) {
        if (!g.passed()) {
          int line = gateLine(cairnYaml, g.gate().metric());
          annotations.add(CheckAnnotation.failure(CairnYaml.FILE_NAME, g.gate().metric() + " " + g.gate().describe(),
              g.message()).atLines(line, line));
        }
      }
      String title;
      if (!failures.isEmpty()) {
        title = String.join(", ", failures);
      } else if (gates.isEmpty()) {
        title = "Passed";
      } else {
        title = gates.size() == 1 ? "The gate passed" : "All " + gates.size() + " gates passed";
      }
      return new Outcome(failures.isEmpty() ? CheckConclusion.SUCCESS : CheckConclusion.FAILURE, title, annotations);
    }

    /** The outcome of the gates alone ({@code check create} in a repository with gates). */
    public static Outcome ofGates(List<GateResult> gates, String cairnYaml) {
      long failed = gates.stream().filter(g -> !g.passed()).count();
      return of(gates, failed == 0 ? List.of() : List.of(failed + " of " + gates.size() + " gates failed"), cairnYaml);
    }
  }

  /**
   * The 1-based line of {@code cairn.yaml} that declares the gate of {@code metric} (a key of the
   * top-level {@code gates} mapping), else the {@code gates:} line, else 1.
   */
  static int gateLine(String yaml, String metric) {
    String[] lines = yaml.split("\\R", -1);
    int gatesLine = 0;
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (gatesLine == 0) {
        if (l.startsWith("gates:")) {
          gatesLine = i + 1;
        }
        continue;
      }
      if (!l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("#")) {
        break;
      }
      String s = l.strip();
      for (String key : List.of(metric, "\"" + metric + "\"", "'" + metric + "'")) {
        if (s.startsWith(key + ":")) {
          return i + 1;
        }
      }
    }
    return Math.max(gatesLine, 1);
  }

  /**
   * Publishes {@code file} as a check.
   *
   * @param dir a directory of the repository, whose {@code HEAD} is the commit when neither the
   *     request nor the CI run names one
   * @param postReport where a status cannot carry the report (every forge but GitHub): whether to
   *     post it as a comment too; off when the job posts the report comment anyway
   * @param warn where to print what could not be done as asked
   * @throws CairnException exit 2 for bad options or no token, exit 1 for a failed forge call
   */
  public static CheckResult publish(Path file, Path dir, CheckRequest request, Outcome outcome, boolean postReport,
      Map<String, String> env, Consumer<String> warn) throws CairnException, IOException {
    return publish(file, dir, request, outcome, postReport, null, env, warn);
  }

  static CheckResult publish(Path file, Path dir, CheckRequest request, Outcome outcome, boolean postReport,
      ForgeConnection connection, Map<String, String> env, Consumer<String> warn) throws CairnException, IOException {
    if (!Files.isRegularFile(file)) {
      throw CairnException.invalidInput("Report file '" + file + "' does not exist");
    }
    String markdown = Files.readString(file, StandardCharsets.UTF_8);
    ForgeConnection c = connection != null ? connection : ForgeConnection.open(request.forge(), "", env, null);
    try {
      CheckRun run = CheckRun.of(request.name(), outcome.conclusion(), markdown).withTitle(outcome.title())
          .withAnnotations(outcome.annotations()).withPostReport(postReport);
      String runUrl = c.ci.map(CiEnvironment::runUrl).orElse("");
      if (runUrl.matches("(?i)https?://\\S+")) {
        run = run.withDetailsUrl(runUrl);
      }
      if (c.settings.headSha().isEmpty()) {
        String head = head(dir);
        if (head == null) {
          throw CairnException.invalidInput("No commit to attach the check to: give --commit-sha (not in a CI run, and "
              + dir + " is not in a Git repository with a commit)");
        }
        run = run.withHeadSha(head);
      }
      if (request.publish()) {
        run = new CheckRun(run.name(), run.headSha(), run.conclusion(), run.title(),
            c.publishImages(markdown, file.toAbsolutePath().getParent(), CommentTarget.auto(), request.publishUrl(), warn),
            run.annotations(), run.detailsUrl(), run.postReport());
      }
      CheckResult r = c.client.publishCheck(run);
      r.warnings().forEach(w -> warn.accept("WARNING: " + w));
      return r;
    } catch (ForgeException e) {
      throw ForgeConnection.failed(e);
    } catch (IllegalArgumentException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
  }

  /** The commit {@code HEAD} names in the repository containing {@code dir}, or null. */
  static String head(Path dir) {
    FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(dir.toFile());
    if (b.getGitDir() == null) {
      return null;
    }
    try (Repository git = b.build()) {
      ObjectId id = git.resolve("HEAD^{commit}");
      return id == null ? null : id.name();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
