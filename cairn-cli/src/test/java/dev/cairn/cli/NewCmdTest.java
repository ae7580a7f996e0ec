package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn new}: what it writes and what it refuses (the project's build: {@link TemplateProjectIT}). */
class NewCmdTest {
  @TempDir
  Path tmp;

  @Test
  void writesTheTemplateInitialisesGitAndCairnTracksTheDataAndWritesTheWorkflow() throws Exception {
    CliRun r = CliRun.in(tmp, "new", "My Model");
    assertThat(r.code()).as(r.err()).isZero();
    Path p = tmp.resolve("My Model");
    assertThat(r.out()).isEqualTo(p + "\n");
    assertThat(r.err()).contains("from the 'java' template (22 files), in a new Git repository", "data/raw.dvc",
        ".github/workflows/cairn.yml", "cd 'My Model'", "mvn -B verify", "cairn repro", "cairn ci run");
    for (String file : ProjectTemplate.named("java").files()) {
      assertThat(p.resolve(ProjectTemplate.target(file))).as(file).isRegularFile();
    }
    assertThat(p.resolve(".gitignore")).content().contains("/target/");
    assertThat(p.resolve("gitignore")).doesNotExist();
    String pom = Files.readString(p.resolve("pom.xml"));
    assertThat(pom).contains("<artifactId>my-model</artifactId>", "<cairn.version>" + VersionCommand.version() + "</cairn.version>")
        .doesNotContain("{{");
    assertThat(p.resolve("README.md")).content().startsWith("# my-model\n");
    assertThat(p.resolve("cairn.yaml")).content().contains("test_command: mvn -B -q test");
    assertThat(p.resolve(".dvc/config")).exists();
    assertThat(p.resolve("data/raw.dvc")).content().contains("path: raw");
    assertThat(p.resolve("data/.gitignore")).content().contains("/raw");
    assertThat(p.resolve(".github/workflows/cairn.yml")).content().contains("ci run");
    try (Git git = Git.open(p.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("main");
    }
    // the data sits in the cache, byte for byte
    assertThat(p.resolve("data/raw/wine.csv")).hasSameBinaryContentAs(templateFile("data/raw/wine.csv"));
  }

  @Test
  void theProjectGetsTheWrapperItsWorkflowRuns() throws Exception {
    Path maven = tmp.resolve("m2");
    String v = VersionCommand.version();
    Path dist = Files.createDirectories(maven.resolve("dev/cairn/cairn-dist/" + v));
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dist.resolve("cairn-dist-" + v + ".tar.gz")))) {
      out.write("cairn".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Main.run(new String[] {"-C", tmp.toString(), "new", "p"}, new java.io.PrintWriter(new java.io.StringWriter(), true),
        new java.io.PrintWriter(err, true), false, java.util.Map.of("MAVEN_OPTS", "-Dmaven.repo.local=" + maven));
    assertThat(code).as(err.toString()).isZero();
    Path p = tmp.resolve("p");
    assertThat(p.resolve("cairnw")).isExecutable();
    assertThat(p.resolve(".cairn/wrapper.properties")).content().contains("distributionUrl=" + dist.toUri());
    assertThat(p.resolve(".github/workflows/cairn.yml")).content().contains("./cairnw ci run").doesNotContain("./cairn ");
    assertThat(err.toString()).contains("Cairn pinned for this repository");
  }

  @Test
  void withoutADistributionToPinTheProjectIsStillWrittenAndSaysHowToAddTheWrapper() throws Exception {
    java.io.StringWriter err = new java.io.StringWriter();
    int code = Main.run(new String[] {"-C", tmp.toString(), "new", "p"}, new java.io.PrintWriter(new java.io.StringWriter(), true),
        new java.io.PrintWriter(err, true), false,
        java.util.Map.of("CAIRN_REPOSITORY_URL", tmp.resolve("empty").toUri().toString()));
    assertThat(code).as(err.toString()).isZero();
    assertThat(tmp.resolve("p/cairnw")).doesNotExist();
    assertThat(tmp.resolve("p/pom.xml")).isRegularFile();
    assertThat(err.toString()).contains("WARNING: no wrapper written (", "'cairn wrapper --distribution-url <url>'");
  }

  @Test
  void aDirectoryWithOnlyGitIsTakenAndItsRepositoryKept() throws Exception {
    Path p = tmp.resolve("proj");
    Git.init().setDirectory(p.toFile()).setInitialBranch("trunk").call().close();
    CliRun r = CliRun.in(tmp, "new", "proj");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("new Git repository");
    try (Git git = Git.open(p.toFile())) {
      assertThat(git.getRepository().getBranch()).isEqualTo("trunk");
    }
  }

  @Test
  void aNonEmptyDirectoryIsRefusedInOneLineWithExitTwoAndNothingWritten() throws Exception {
    Path p = tmp.resolve("proj");
    CliRun.write(p, "notes.txt", "mine\n");
    CliRun r = CliRun.in(tmp, "new", "proj");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "ERROR: 'proj' is not empty (notes.txt): give a new or empty directory, or --force to write the template into it");
    try (Stream<Path> s = Files.list(p)) {
      assertThat(s.map(x -> x.getFileName().toString()).toList()).containsExactly("notes.txt");
    }
  }

  @Test
  void forceWritesIntoANonEmptyDirectoryAndKeepsOtherFiles() throws Exception {
    Path p = tmp.resolve("proj");
    CliRun.write(p, "notes.txt", "mine\n");
    CliRun.write(p, "params.yaml", "old: 1\n");
    CliRun r = CliRun.in(tmp, "new", "--force", "proj");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(p.resolve("notes.txt")).content().isEqualTo("mine\n");
    assertThat(p.resolve("params.yaml")).content().contains("learning_rate");
  }

  @Test
  void aFileOrAnUnknownTemplateIsRefusedWithExitTwo() throws Exception {
    CliRun.write(tmp, "file", "x");
    CliRun r = CliRun.in(tmp, "new", "file");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("ERROR: 'file' is a file: give a directory for the project");
    r = CliRun.in(tmp, "new", "--template", "cobol", "x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("ERROR: No template 'cobol': the templates are java");
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void helpNamesTheTemplatesAndWhatTheProjectHolds() {
    CliRun r = CliRun.in(tmp, "new", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("--template=<name>", "The template: java", "cairn-bom", "ci.test_command", "--force");
  }

  /** files.txt lists exactly the files stored under the template's directory. */
  @Test
  void theListingMatchesTheTemplatesFiles() throws Exception {
    Path dir = Path.of("src/main/resources/dev/cairn/cli/templates/java");
    List<String> stored;
    try (Stream<Path> s = Files.walk(dir)) {
      stored = s.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/'))
          .filter(f -> !f.equals("files.txt")).sorted().toList();
    }
    assertThat(ProjectTemplate.named("java").files()).containsExactlyInAnyOrderElementsOf(stored);
  }

  @Test
  void theNextStepsQuoteADirectoryForTheShell() {
    assertThat(NewCmd.shellWord("demo/x-1.0_a")).isEqualTo("demo/x-1.0_a");
    assertThat(NewCmd.shellWord("My Model")).isEqualTo("'My Model'");
    assertThat(NewCmd.shellWord("it's")).isEqualTo("'it'\\''s'");
  }

  @Test
  void artifactIdsAreMavenNames() {
    assertThat(ProjectTemplate.artifactId(Path.of("/x/My Model"))).isEqualTo("my-model");
    assertThat(ProjectTemplate.artifactId(Path.of("/x/.hidden"))).isEqualTo("hidden");
    assertThat(ProjectTemplate.artifactId(Path.of("/"))).isEqualTo("model");
  }

  private static Path templateFile(String rel) {
    return Path.of("src/main/resources/dev/cairn/cli/templates/java").resolve(rel);
  }
}
