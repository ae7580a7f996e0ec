package dev.cairn.ci;

import dev.cairn.errors.CairnException;
import dev.cairn.forge.ForgeException;
import dev.cairn.forge.ci.CiDetector;
import dev.cairn.forge.ci.CiEnvironment;
import dev.cairn.odb.ObjectDb;
import dev.cairn.report.CairnYaml;
import dev.cairn.report.Report;
import dev.cairn.report.ReportBuilder;
import dev.cairn.report.ReportMarkdown;
import dev.cairn.report.StepOutcome;
import dev.cairn.revision.CachedOutputs;
import dev.cairn.revision.UnknownRevisionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The pull-request report as {@code cairn report} and the CI job make it: the base revision chosen
 * from the flag, the CI run or {@code cairn.yaml}; the report built with DVC-tracked files read from
 * the cache and changed plots drawn beside it; the Markdown written atomically.
 */
public final class PullRequestReports {
  /** The base when neither the flag, the CI run nor {@code cairn.yaml} names one. */
  public static final String DEFAULT_BASE = "main";

  private PullRequestReports() {}

  /** The CI run described by the environment, or empty (also when the environment is incomplete). */
  public static Optional<CiEnvironment> ci(Map<String, String> env) {
    try {
      return CiDetector.detect(env);
    } catch (ForgeException e) {
      return Optional.empty();
    }
  }

  /**
   * The base revision: the flag, else the pull request's target branch, else {@code cairn.yaml}'s
   * {@code report.base}, else {@code main}. A branch that exists only as {@code origin/<name>} (a
   * CI checkout) is used under that name.
   */
  public static String base(Path root, String flag, CairnYaml config, Optional<CiEnvironment> ci) throws IOException {
    String base = flag != null && !flag.isBlank() ? flag
        : ci.map(CiEnvironment::baseBranch).filter(b -> !b.isEmpty())
            .orElse(config.base().orElse(DEFAULT_BASE));
    FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(root.toFile());
    if (b.getGitDir() == null) {
      return base;
    }
    try (Repository git = b.build()) {
      if (resolves(git, base)) {
        return base;
      }
      String remote = "origin/" + base;
      return resolves(git, remote) ? remote : base;
    }
  }

  private static boolean resolves(Repository git, String rev) {
    try {
      return git.resolve(rev + "^{commit}") != null;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Builds the report, reading DVC-tracked metrics and plots from {@code odb}; with {@code mdOut},
   * changed plots are drawn into {@code <stem>_plots/} next to it.
   */
  public static Report build(Path root, ObjectDb odb, CairnYaml config, String base, Path mdOut, Optional<CiEnvironment> ci,
      List<StepOutcome> steps) throws CairnException, IOException {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    ReportBuilder b = new ReportBuilder(root, config, base).setRunUrl(ci.map(CiEnvironment::runUrl).orElse(""))
        .setCachedOutputs(CachedOutputs.fromCache(odb));
    if (mdOut != null) {
      b.setImageDir(mdOut.toAbsolutePath().getParent(), imageDirName(mdOut));
    }
    try {
      return b.build().withSteps(steps);
    } catch (UnknownRevisionException e) {
      throw CairnException.invalidInput("Unknown base revision '" + base + "': fetch it first (in CI: "
          + "actions/checkout with fetch-depth: 0, or git fetch origin " + base + ")");
    }
  }

  /** The directory name for the plots of a report written to {@code mdOut}: {@code <stem>_plots}. */
  public static String imageDirName(Path mdOut) {
    String name = mdOut.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return (dot > 0 ? name.substring(0, dot) : name) + "_plots";
  }

  /** Writes the Markdown to {@code mdOut} (through a temporary file) and returns it. */
  public static String write(Report r, Path mdOut) throws IOException {
    String md = ReportMarkdown.render(r);
    Path abs = mdOut.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, md, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return md;
  }
}
