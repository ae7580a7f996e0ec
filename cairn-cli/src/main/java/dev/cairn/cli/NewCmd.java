package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.errors.CairnException;
import dev.cairn.ci.Workflows;
import dev.cairn.wrapper.WrapperProperties;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code new <dir>}: a project from a template, set up the way a user then works in it. The steps,
 * in order: the files of the template; a Git repository, unless {@code <dir>} is the top of one;
 * {@code cairn init}; {@code cairn add} of the template's data; the pull-request workflow (what
 * {@code cairn ci init --github} writes). Each step is one call in {@link #doCall()}, so a further
 * one (the pinned wrapper, say) is one more line there.
 */
@Command(name = "new", description = {
    "Create a project from a template: a standalone Maven project with a Cairn pipeline that builds, tests and reproduces on its own.",
    "",
    "The 'java' template: a train/evaluate program using cairn-live on bundled data (tracked with 'cairn add'), JUnit tests of the code and cairn-checks model tests, a pom.xml importing cairn-bom, dvc.yaml (build -> train -> evaluate), params.yaml, cairn.yaml (gates, ci.test_command), .gitignore, a README and the GitHub workflow of 'cairn ci init --github' with the wrapper it runs (cairnw).",
    "",
    "<dir> becomes the top of a Git repository (unless it is one already), initialised for Cairn. It must be new or empty (a .git directory is fine) unless --force is given.",
    ""})
final class NewCmd extends BaseCommand {
  @Parameters(paramLabel = "<dir>", description = "The project directory, created when missing.")
  Path dir;

  @Option(names = "--template", paramLabel = "<name>", defaultValue = "java", completionCandidates = Names.class,
      description = "The template: ${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
  String template;

  @Option(names = {"-f", "--force"}, description = "Write into a non-empty directory, replacing files of the template's names.")
  boolean force;

  /** The template names, for the help and shell completion. */
  static final class Names implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ProjectTemplate.ALL.keySet().stream().sorted().iterator();
    }
  }

  @Override
  int doCall() throws Exception {
    ProjectTemplate t = ProjectTemplate.named(template);
    Path root = resolve(dir.toString());
    checkTarget(root);
    Files.createDirectories(root);
    boolean newRepo = gitRepository(root);
    List<String> files = t.write(root, Map.of("artifactId", ProjectTemplate.artifactId(root),
        "cairnVersion", VersionCommand.version()));
    initCairn(root);
    List<String> dvcFiles = track(root, t.tracked());
    List<String> workflow = workflow(root);
    boolean wrapper = wrapper(root);

    out().println(root);
    info("Created " + root + " from the '" + t.name() + "' template (" + files.size() + " files)"
        + (newRepo ? ", in a new Git repository" : "") + ".");
    info("Tracked with Cairn: " + String.join(", ", t.tracked()) + " (" + String.join(", ", dvcFiles)
        + " for Git, the data in .dvc/cache).");
    info("Pull-request workflow: " + String.join(", ", workflow) + " (runs './cairnw ci run').");
    if (wrapper) {
      info("Cairn pinned for this repository and its CI: cairnw, cairnw.cmd, " + WrapperProperties.PATH + ".");
    }
    info("");
    info("Next:");
    info("  cd " + shellWord(dir.toString()));
    info("  mvn -B verify                # compile; the code tests and the cairn-checks model tests; target/pipeline.jar");
    info("  cairn repro                  # build -> train -> evaluate, recorded in dvc.lock");
    info("  git add -A && git commit -m 'New project from the " + t.name() + " template'");
    info("  cairn ci run                 # what CI runs on a pull request: tests, repro, report/report.md, gates");
    return 0;
  }

  /** {@code word} as one shell word: quoted when it holds anything but letters, digits and {@code ._/-}. */
  static String shellWord(String word) {
    return word.matches("[A-Za-z0-9._/-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  /** Refuses a file, or a directory with anything but {@code .git} in it, unless {@code --force}. */
  private void checkTarget(Path root) throws Exception {
    if (Files.exists(root) && !Files.isDirectory(root)) {
      throw CairnException.invalidInput("'" + dir + "' is a file: give a directory for the project");
    }
    if (!Files.isDirectory(root) || force) {
      return;
    }
    List<String> present;
    try (var s = Files.list(root)) {
      present = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".git")).sorted().toList();
    }
    if (!present.isEmpty()) {
      String shown = String.join(", ", present.subList(0, Math.min(3, present.size())))
          + (present.size() > 3 ? ", ..." : "");
      throw CairnException.invalidInput("'" + dir + "' is not empty (" + shown
          + "): give a new or empty directory, or --force to write the template into it");
    }
  }

  /** Makes {@code root} the top of a Git repository (branch main) unless it is one; whether it did. */
  private static boolean gitRepository(Path root) throws Exception {
    if (Files.exists(root.resolve(".git"))) {
      return false;
    }
    Git.init().setDirectory(root.toFile()).setInitialBranch("main").call().close();
    return true;
  }

  /** {@code cairn init}, unless the directory has a {@code .dvc} already ({@code --force} over a project). */
  private static void initCairn(Path root) throws Exception {
    if (!Files.isDirectory(root.resolve(".dvc"))) {
      Cairn.init(root).call();
    }
  }

  /** {@code cairn add} of the template's data; the {@code .dvc} files written. */
  private static List<String> track(Path root, List<String> paths) throws Exception {
    try (Cairn cairn = Cairn.open(root)) {
      var add = cairn.add();
      for (String p : paths) {
        add.addPath(root.resolve(p));
      }
      return add.call().added().stream().map(a -> a.dvcFile()).toList();
    }
  }

  /**
   * The wrapper the workflow runs ({@code cairn wrapper} with its defaults); whether it was written.
   * A project is still useful without it, so a failure is a warning naming the next step.
   */
  private boolean wrapper(Path root) throws Exception {
    try {
      WrapperCmd.write(this, root, VersionCommand.version(), null, null);
      return true;
    } catch (CairnException e) {
      info("WARNING: no wrapper written (" + e.getMessage() + "); the workflow runs ./cairnw: write it with "
          + "'cairn wrapper --distribution-url <url>' or '--repository-url <url>' before the first pull request");
      return false;
    }
  }

  /** The GitHub workflow of {@code cairn ci init --github} (the project has no remote yet: no secrets). */
  private static List<String> workflow(Path root) throws Exception {
    Map<String, String> files = Workflows.github(Map.of(), false);
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.writeString(p, e.getValue(), StandardCharsets.UTF_8);
    }
    return List.copyOf(files.keySet());
  }
}
