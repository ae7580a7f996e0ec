package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn ci run} end to end on a pull-request branch, without network. */
class CiRunTest {
  @TempDir
  Path tmp;

  PrRepo repo;

  @BeforeEach
  void repo() throws Exception {
    repo = new PrRepo(tmp.resolve("repo"));
  }

  @Test
  void wholeJobWritesTheReportAndFailsOnTheGate() throws Exception {
    PrRepo.Result r = repo.run("ci", "run");
    Path md = repo.root.resolve("report/report.md");
    assertThat(r.out()).isEqualTo(md + "\n");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("cairn ci run: comment skipped: not in a CI run")
        .endsWith("cairn ci run: 1 of 1 gates failed (see " + md + ")\n");
    String report = Files.readString(md);
    assertThat(report)
        .contains("| ❌ | accuracy | max_drop 0.05 | 0.52 | 0.6 | accuracy dropped 0.08 (0.6 -> 0.52) > max_drop 0.05 |")
        .contains("| dvclive/metrics.json | accuracy | 0.6    | 0.52        | -0.08    |")
        .contains("| params.yaml | train.C | 1      | 10          |")
        .contains("✅ **2 tests**: 2 passed, 0 failed, 0 errors, 0 skipped (1 report).")
        .contains("## CI steps\n\n| Step | Result | Detail |\n|---|---|---|\n"
            + "| pull | ⏭️ skipped | no remote configured |\n"
            + "| tests | ✅ ok | mkdir -p target/surefire-reports && cp tests/TEST-demo.xml target/surefire-reports/ |\n"
            + "| repro | ✅ ok | cairn repro |\n"
            + "| report | ✅ ok | against main: report/report.md |\n");
    assertThat(Files.readString(repo.root.resolve("dvclive/metrics.json"))).isEqualTo("{\"accuracy\": 0.52}");
  }

  @Test
  void passesWhenGatesHoldAndSkipsTests() throws Exception {
    repo.write("cairn.yaml", "gates:\n  accuracy: {max_drop: 15%}\n");
    PrRepo.Result r = repo.run("ci", "run", "--skip-tests", "--md-out", "r/out.md");
    assertThat(r.code()).as(r.err()).isZero();
    String report = Files.readString(repo.root.resolve("r/out.md"));
    assertThat(report).contains("✅ **All 1 gates passed**").contains("| tests | ⏭️ skipped | --skip-tests |");
  }

  @Test
  void failingTestsFailTheJob() throws Exception {
    repo.write("cairn.yaml", "ci: {test_command: 'exit 3'}\n");
    PrRepo.Result r = repo.run("ci", "run");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).endsWith("cairn ci run: tests failed (see " + repo.root.resolve("report/report.md") + ")\n");
    assertThat(Files.readString(repo.root.resolve("report/report.md")))
        .contains("| tests | ❌ failed | exit 3 exited with 3 |").contains("No gates configured");
  }

  @Test
  void emptyTestCommandRunsNoTests() throws Exception {
    repo.write("cairn.yaml", "ci: {test_command: ''}\n");
    PrRepo.Result r = repo.run("ci", "run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(repo.root.resolve("report/report.md")))
        .contains("| tests | ⏭️ skipped | ci.test_command is empty in cairn.yaml |");
  }

  @Test
  void baseComesFromThePullRequestAndNoTokenMeansNoComment() throws Exception {
    Path event = tmp.resolve("event.json");
    Files.writeString(event, "{\"pull_request\": {\"number\": 7, \"head\": {\"sha\": \"" + "a".repeat(40)
        + "\", \"ref\": \"pr\", \"repo\": {\"full_name\": \"o/r\"}}, \"base\": {\"ref\": \"main\", "
        + "\"repo\": {\"full_name\": \"o/r\"}}}}");
    Map<String, String> env = new HashMap<>(repo.env);
    env.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "o/r", "GITHUB_EVENT_NAME", "pull_request",
        "GITHUB_EVENT_PATH", event.toString(), "GITHUB_SHA", "b".repeat(40), "GITHUB_RUN_ID", "42",
        "GITHUB_SERVER_URL", "https://github.example", "GITHUB_WORKFLOW", "Cairn report", "GITHUB_BASE_REF", "main",
        "GITHUB_HEAD_REF", "pr"));
    repo.write("cairn.yaml", "gates:\n  accuracy: {min: 0.5}\n");
    PrRepo.Result r = repo.run(env, "ci", "run", "--skip-tests");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("cairn ci run: comment skipped: no forge token (REPO_TOKEN, GITHUB_TOKEN)");
    assertThat(Files.readString(repo.root.resolve("report/report.md")))
        .contains("compared with `main` · [CI run](https://github.example/o/r/actions/runs/42)");
  }
}
