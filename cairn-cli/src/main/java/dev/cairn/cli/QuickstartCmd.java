package dev.cairn.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quickstart}: plays the whole story on the example project in a throwaway Git repository:
 * a standalone copy of the example (its own {@code pom.xml}, sources and tests), init, add the raw
 * data, a local-directory remote, repro (which builds the stage jar with Maven), push, commit on
 * main, a branch that changes a hyperparameter, repro again, then the CI job against main, which
 * runs the project's code and model tests before the report, printing the report a reviewer would
 * see. Each step runs the same command a user would type.
 */
@Command(name = "quickstart", description = {
    "Play the whole Cairn story on the example project (wine quality, SVM) in a throwaway Git repository: a standalone Maven project copied from the example, init, add data, a local remote, repro, push, a branch with a new hyperparameter, and the CI job: the project's tests (JUnit, cairn-checks), repro, and the report against main.",
    "Needs JDK 17+, Maven and the Cairn libraries in the local Maven repository (./cairn installs them).",
    ""})
final class QuickstartCmd extends BaseCommand {
  /** What the project needs from the example, relative to it. */
  static final List<String> EXAMPLE_FILES = List.of("pom.xml", "dvc.yaml", "params.yaml", "src/main", "src/test", "data/raw");

  @Parameters(arity = "0..1", paramLabel = "<dir>", description = "Where to create the project (default: a new temp dir).")
  Path dir;

  @Option(names = "--example", paramLabel = "<dir>", description = "The example project (default: examples/wine-quality of this checkout).")
  Path example;

  @Override
  int doCall() throws Exception {
    Path ex = example != null ? resolve(example.toString()) : exampleDir();
    for (String rel : EXAMPLE_FILES) {
      if (!Files.exists(ex.resolve(rel))) {
        throw new ExitException(ExitCodes.STATE, "ERROR: the example project " + ex + " has no " + rel
            + ": give a Cairn checkout's examples/wine-quality with --example");
      }
    }
    Path base = dir != null ? resolve(dir.toString()) : Files.createTempDirectory("cairn-quickstart-");
    Path project = base.resolve("wine-quality");
    Path remote = base.resolve("remote");
    if (Files.exists(project)) {
      throw new ExitException(ExitCodes.STATE, "ERROR: " + project + " already exists; give another directory");
    }
    step("Creating the project in " + project + " from " + ex + " (a standalone Maven project: pom.xml, sources, tests)");
    Files.createDirectories(project.resolve("data/raw"));
    for (String rel : List.of("pom.xml", "dvc.yaml", "params.yaml")) {
      Files.copy(ex.resolve(rel), project.resolve(rel));
    }
    copyTree(ex.resolve("src"), project.resolve("src"));
    try (var s = Files.list(ex.resolve("data/raw"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".csv")).toList()) {
        Files.copy(p, project.resolve("data/raw").resolve(p.getFileName()));
      }
    }
    Files.writeString(project.resolve(".gitignore"), "/target/\n/dvc_plots/\n/report/\n", StandardCharsets.UTF_8);
    Files.writeString(project.resolve("cairn.yaml"), """
        # Cairn's own settings (DVC's files stay DVC's)
        gates:
          dvclive/metrics.json:accuracy: {min: 0.55, max_drop: 0.05}
        ci:
          test_command: mvn -B -q test   # the code tests and the cairn-checks model tests
        """, StandardCharsets.UTF_8);
    try (Git git = Git.init().setDirectory(project.toFile()).setInitialBranch("main").call()) {
      run(project, "init");
      step("Tracking the raw data with Cairn (data/raw.dvc goes to Git, the CSV to the cache)");
      run(project, "add", "data/raw");
      step("A local-directory remote as the default: " + remote);
      run(project, "remote", "add", "-d", "local", remote.toString());
      step("Reproducing the pipeline: build (mvn package) -> process -> train -> evaluate");
      run(project, "repro");
      step("Pushing data and models to the remote");
      run(project, "push");
      commit(git, "Baseline: wine-quality pipeline");
      step("Branch 'experiment': a new hyperparameter grid for the SVM (C: [1, 10] -> [10, 100])");
      git.checkout().setCreateBranch(true).setName("experiment").call();
      Path params = project.resolve("params.yaml");
      String text = Files.readString(params, StandardCharsets.UTF_8);
      Files.writeString(params, text.replace("    C:\n    - 1\n    - 10\n", "    C:\n    - 10\n    - 100\n"),
          StandardCharsets.UTF_8);
      run(project, "repro");
      run(project, "push");
      commit(git, "Try larger C");
      step("The CI job, locally: the project's tests (mvn -B -q test), repro, then the report against main");
      int code = runCapturing(project, "ci", "run", "--base", "main");
      Path report = project.resolve("report/report.md");
      if (Files.isRegularFile(report)) {
        step("The report a reviewer sees on the pull request (" + report + "):");
        out().println();
        out().print(Files.readString(report, StandardCharsets.UTF_8));
        out().println();
        try (var s = Files.walk(report.getParent())) {
          for (Path img : s.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
            info("Plot: " + img);
          }
        }
      }
      info("");
      info("Project: " + project);
      info("Remote:  " + remote);
      return code;
    }
  }

  private Path exampleDir() {
    String home = System.getProperty("cairn.home", System.getenv("CAIRN_HOME"));
    Path root = home != null ? Path.of(home) : workDir();
    return root.resolve("examples/wine-quality");
  }

  /** Copies a directory tree (files and directories only). */
  private static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else if (Files.isRegularFile(p)) {
          Files.copy(p, target);
        }
      }
    }
  }

  private void step(String msg) {
    info("==> " + msg);
  }

  private static void commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.commit().setMessage(message).setAuthor("Cairn quickstart", "quickstart@cairn.invalid")
        .setCommitter("Cairn quickstart", "quickstart@cairn.invalid").setSign(false).call();
  }

  /** Runs a cairn command in {@code project}, streaming its output; fails the quickstart on error. */
  private void run(Path project, String... args) {
    int code = execute(project, out(), err(), args);
    if (code != 0) {
      throw new ExitException(code, "ERROR: quickstart step 'cairn " + String.join(" ", args) + "' failed (exit " + code + ")");
    }
  }

  private int runCapturing(Path project, String... args) {
    return execute(project, out(), err(), args);
  }

  private int execute(Path project, PrintWriter o, PrintWriter e, String... args) {
    List<String> full = new ArrayList<>(List.of("-C", project.toString()));
    if (root().quiet) {
      full.add("-q");
    }
    full.addAll(List.of(args));
    return CliContext.commandLine(o, e, root().terminal).execute(full.toArray(String[]::new));
  }

}
