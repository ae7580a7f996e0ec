package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn new}'s java template as a user meets it, in a temp directory outside this
 * repository: the project builds and passes its tests with plain {@code mvn -B verify}, resolving
 * cairn-bom, cairn-live and cairn-checks from the local Maven repository ({@link MavenSandbox}),
 * and its pipeline runs with the packaged CLI: repro (which builds the jar with Maven), then
 * {@code ci run}, whose report counts the project's tests.
 */
class TemplateProjectIT {
  @TempDir
  Path tmp;

  @Test
  void theJavaTemplateBuildsTestsAndRunsItsPipelineOnItsOwn() throws Exception {
    MavenSandbox maven = MavenSandbox.create(tmp);
    Path project = tmp.resolve("wine-model");

    String created = run(maven, tmp, "new", project.toString());
    assertThat(created).contains("Created " + project + " from the 'java' template");
    assertThat(project.resolve("data/raw.dvc")).exists();
    assertThat(project.resolve(".dvc/config")).exists();
    assertThat(project.resolve(".github/workflows/cairn.yml")).exists();
    assertThat(project.resolve(".git")).isDirectory();
    String pom = Files.readString(project.resolve("pom.xml"));
    assertThat(pom).contains("<artifactId>wine-model</artifactId>", "<cairn.version>" + MavenSandbox.version() + "</cairn.version>",
        "<artifactId>cairn-bom</artifactId>").doesNotContain("<parent>", "{{");

    // the project on its own: Maven, the local repository, nothing of this checkout
    ProcessBuilder verifyBuild = new ProcessBuilder("mvn", "-B", "verify").directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("verify.log").toFile());
    verifyBuild.environment().clear();
    verifyBuild.environment().putAll(maven.env());
    Process mvn = verifyBuild.start();
    mvn.getOutputStream().close();
    assertThat(mvn.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String verify = Files.readString(tmp.resolve("verify.log"));
    assertThat(mvn.exitValue()).as(verify).isZero();
    assertThat(verify).contains("Tests run: 17, Failures: 0, Errors: 0, Skipped: 0", "BUILD SUCCESS");
    assertThat(project.resolve("target/pipeline.jar")).exists();
    // the libraries came from the local repository the sandbox installed them into
    assertThat(maven.repository().resolve("dev/cairn/cairn-live/" + MavenSandbox.version())).isDirectory();

    // the pipeline with the CLI, as the README's next steps say
    run(maven, project, "repro");
    assertThat(project.resolve("dvc.lock")).content().contains("build:", "train:", "evaluate:", "target/pipeline.jar");
    assertThat(project.resolve("model/model.txt")).exists();
    assertThat(project.resolve("dvclive/evaluate/metrics.json")).content().contains("\"accuracy\": 0.");
    assertThat(run(maven, project, "repro")).contains("Stage 'build' didn't change, skipping")
        .contains("Stage 'evaluate' didn't change, skipping").doesNotContain("Running stage");

    git(project, "add", "-A");
    git(project, "-c", "user.name=Test", "-c", "user.email=test@cairn.invalid", "commit", "-q", "-m", "New project");
    String ci = run(maven, project, "ci", "run", "--skip-pull", "--base", "main");
    assertThat(ci).contains("cairn ci run: tests: mvn -B -q test");
    String report = Files.readString(project.resolve("report/report.md"), StandardCharsets.UTF_8);
    assertThat(report).contains("✅ **17 tests**: 17 passed, 0 failed, 0 errors, 0 skipped");
    assertThat(report).contains("✅ **All 3 gates passed** · ✅ 17 tests, 0 failed", "| tests | ✅ ok | mvn -B -q test |");
  }

  /** Runs the packaged CLI with the sandbox's Maven; returns stdout and stderr; fails on a non-zero exit. */
  private String run(MavenSandbox maven, Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", CrashIT.jar().toString(), "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Path log = Files.createTempFile(tmp, "cairn-", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(maven.env());
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
    String out = Files.readString(log);
    assertThat(p.exitValue()).as("cairn %s%n%s", String.join(" ", args), out).isZero();
    return out;
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
  }
}
