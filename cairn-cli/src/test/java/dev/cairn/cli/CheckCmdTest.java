package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cairn.forge.github.FakeGitHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn check create} and {@code ci run --check} in a GitHub Actions pull-request run,
 * against the stubbed GitHub ({@link FakeGitHub}: each check-run request and response checked
 * against GitHub's OpenAPI description): the report as the summary, the conclusion from the gates,
 * each failed gate an annotation of cairn.yaml at its line.
 */
class CheckCmdTest {
  static final String SHA = "a".repeat(40);

  @TempDir
  Path tmp;

  FakeGitHub github;
  PrRepo repo;
  Map<String, String> env;

  @BeforeEach
  void setUp() throws Exception {
    github = new FakeGitHub();
    repo = new PrRepo(tmp.resolve("repo"));
    Path event = tmp.resolve("event.json");
    Files.writeString(event, "{\"pull_request\": {\"number\": 7, \"head\": {\"sha\": \"" + SHA
        + "\", \"ref\": \"pr\", \"repo\": {\"full_name\": \"octo/wine\"}}, \"base\": {\"ref\": \"main\", "
        + "\"repo\": {\"full_name\": \"octo/wine\"}}}}");
    env = new HashMap<>(repo.env);
    env.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "octo/wine", "GITHUB_EVENT_NAME", "pull_request",
        "GITHUB_EVENT_PATH", event.toString(), "GITHUB_SHA", "b".repeat(40), "GITHUB_RUN_ID", "42",
        "GITHUB_SERVER_URL", "https://github.example", "GITHUB_API_URL", github.stub.uri("/api/v3").toString(),
        "GITHUB_TOKEN", FakeGitHub.TOKEN));
    // the gate of PrRepo's cairn.yaml (line 2) fails once repro has run: accuracy 0.6 -> 0.52
    assertThat(repo.run(env, "repro").code()).isZero();
  }

  @AfterEach
  void tearDown() {
    github.close();
  }

  @Test
  void givenConclusionAndName() throws Exception {
    repo.write("report.md", "# Report\n\nAll good.\n");
    PrRepo.Result r = repo.run(env, "check", "create", "report.md", "--conclusion", "neutral", "--title", "Model check");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(github.checkRuns).hasSize(1);
    ObjectNode run = github.checkRuns.get(0);
    assertThat(r.out()).isEqualTo(run.path("html_url").asText() + "\n");
    assertThat(run.path("name").asText()).isEqualTo("Model check");
    assertThat(run.path("head_sha").asText()).isEqualTo(SHA);
    assertThat(run.path("conclusion").asText()).isEqualTo("neutral");
    assertThat(run.at("/output/summary").asText()).contains("# Report", "All good.");
    assertThat(run.path("details_url").asText()).isEqualTo("https://github.example/octo/wine/actions/runs/42");
    assertThat(r.err()).contains("Check 'Model check': neutral on " + SHA);
    assertThat(github.stub.failures()).isEmpty();
  }

  @Test
  void conclusionAndAnnotationsFromTheGates() throws Exception {
    assertThat(repo.run(env, "report", "--md-out", "report/report.md").code()).isEqualTo(1);
    PrRepo.Result r = repo.run(env, "check", "create", "report/report.md");
    assertThat(r.code()).as(r.err()).isZero();
    ObjectNode run = github.checkRuns.get(0);
    assertThat(run.path("name").asText()).isEqualTo("Cairn report");
    assertThat(run.path("conclusion").asText()).isEqualTo("failure");
    assertThat(run.at("/output/title").asText()).isEqualTo("1 of 1 gates failed");
    List<JsonNode> annotations = github.annotationsOf.get(run.path("id").asLong());
    assertThat(annotations).hasSize(1);
    JsonNode a = annotations.get(0);
    assertThat(a.path("path").asText()).isEqualTo("cairn.yaml");
    assertThat(a.path("start_line").asInt()).isEqualTo(2);
    assertThat(a.path("annotation_level").asText()).isEqualTo("failure");
    assertThat(a.path("title").asText()).isEqualTo("accuracy max_drop 0.05");
    assertThat(a.path("message").asText()).contains("accuracy").contains("max_drop 0.05");
    assertThat(r.err()).contains("Check 'Cairn report': failure, 1 annotations");
    assertThat(github.stub.failures()).isEmpty();

    // a rerun after a fix: the same name on the same commit, now a success without annotations
    repo.write("params.yaml", "train:\n  C: 1\n");
    assertThat(repo.run(env, "repro").code()).isZero();
    PrRepo.Result again = repo.run(env, "check", "create", "report/report.md");
    assertThat(again.code()).as(again.err()).isZero();
    ObjectNode last = github.checkRuns.get(github.checkRuns.size() - 1);
    assertThat(last.path("conclusion").asText()).isEqualTo("success");
    assertThat(last.at("/output/title").asText()).isEqualTo("The gate passed");
    assertThat(github.stub.failures()).isEmpty();
  }

  @Test
  void ciRunCheckBesideAndInsteadOfTheComment() throws Exception {
    PrRepo.Result r = repo.run(env, "ci", "run", "--skip-tests", "--check");
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("cairn ci run: comment ok: created https://github.example/octo/wine/pull/7#issuecomment-")
        .contains("cairn ci run: check ok: 'Cairn report' failure with 1 annotations https://github.example/octo/wine/runs/");
    assertThat(github.bodies(7)).hasSize(1);
    ObjectNode run = github.checkRuns.get(0);
    assertThat(run.path("conclusion").asText()).isEqualTo("failure");
    assertThat(run.at("/output/title").asText()).isEqualTo("1 of 1 gates failed");
    assertThat(run.at("/output/summary").asText()).contains("# Cairn report", "| comment | ✅ ok");
    assertThat(github.annotationsOf.get(run.path("id").asLong())).hasSize(1);
    assertThat(Files.readString(repo.root.resolve("report/report.md"))).contains("| check | ✅ ok | 'Cairn report' failure");

    PrRepo.Result only = repo.run(env, "ci", "run", "--skip-tests", "--check", "--no-comment", "--check-name", "Gates");
    assertThat(only.code()).isEqualTo(1);
    assertThat(github.bodies(7)).hasSize(1);
    assertThat(github.checkRuns.get(github.checkRuns.size() - 1).path("name").asText()).isEqualTo("Gates");
    assertThat(github.stub.failures()).isEmpty();
    assertThat(r.err() + only.err()).doesNotContain(FakeGitHub.TOKEN);
  }

  @Test
  void badInputIsOneLineWithTheRightExitCode() throws Exception {
    repo.write("report.md", "x\n");
    PrRepo.Result c = repo.run(env, "check", "create", "report.md", "--conclusion", "maybe");
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err()).isEqualTo("ERROR: --conclusion: Unknown conclusion 'maybe': use success, failure or neutral\n");
    PrRepo.Result f = repo.run(env, "check", "create", "nope.md");
    assertThat(f.code()).isEqualTo(2);
    assertThat(f.err()).startsWith("ERROR: Report file '").contains("nope.md' does not exist");
    Map<String, String> noToken = new HashMap<>(env);
    noToken.remove("GITHUB_TOKEN");
    PrRepo.Result t = repo.run(noToken, "check", "create", "report.md", "--conclusion", "success");
    assertThat(t.code()).isEqualTo(2);
    assertThat(t.err()).startsWith("ERROR: No GitHub token: pass --token or set REPO_TOKEN or GITHUB_TOKEN");
    PrRepo.Result outside = repo.run(repo.env, "check", "create", "report.md", "--conclusion", "success");
    assertThat(outside.code()).isEqualTo(2);
    assertThat(outside.err()).startsWith("ERROR: Not in a recognised CI run: give --forge and --repo");
    assertThat(github.stub.exchanges()).isEmpty();

    github.checksNeedApp = true;
    PrRepo.Result pat = repo.run(env, "check", "create", "report.md", "--conclusion", "success");
    assertThat(pat.code()).as(pat.err()).isZero();
    assertThat(pat.err()).contains("WARNING: ");
    assertThat(github.statuses).hasSize(1);
    for (PrRepo.Result x : List.of(c, f, t, outside)) {
      assertThat(x.err().strip()).doesNotContain("\n");
    }
  }
}
