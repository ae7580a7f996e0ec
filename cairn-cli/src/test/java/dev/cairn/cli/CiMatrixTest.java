package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.format.StructuredFiles;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn ci init --github --matrix} (actionlint-clean) and the three jobs it runs, {@code ci
 * matrix --plan|--run|--report}, against a bare Git repository standing for the forge's: queued
 * experiments pushed with {@code queue push} and the {@code ci.matrix} grid fan out, each job pushes
 * its experiment from its own clone, the report lists them all.
 */
class CiMatrixTest {
  @TempDir
  Path tmp;
  Path repo;
  Path bare;
  Map<String, String> env;

  record Result(int code, String out, String err) {}

  Result run(Path dir, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    List<String> full = new ArrayList<>(List.of("-C", dir.toString()));
    full.addAll(List.of(args));
    int code = Main.run(full.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true), false, env);
    return new Result(code, o.toString(), e.toString());
  }

  @BeforeEach
  void setUp() throws Exception {
    Path maven = Files.createDirectories(tmp.resolve("m2/dev/cairn/cairn-dist/" + BuildInfo.version()));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(maven.resolve("cairn-dist-" + BuildInfo.version()
        + ".tar.gz")))) {
      out.write("a distribution".getBytes(StandardCharsets.UTF_8));
    }
    java.util.HashMap<String, String> e = new java.util.HashMap<>(System.getenv());
    e.put("CAIRN_REPOSITORY_URL", tmp.resolve("m2").toUri().toString());
    e.put("GIT_AUTHOR_NAME", "t");
    e.put("GIT_AUTHOR_EMAIL", "t@example.com");
    e.put("GIT_COMMITTER_NAME", "t");
    e.put("GIT_COMMITTER_EMAIL", "t@example.com");
    env = e;
    repo = tmp.resolve("repo");
    bare = tmp.resolve("origin.git");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      assertThat(run(repo, "init").code()).isZero();
      CliRun.write(repo, "params.yaml", "C: 1\n");
      CliRun.write(repo, "dvc.yaml", ExpRunCmdTest.PIPELINE);
      CliRun.write(repo, "train.sh", "C=$(awk '/^C:/{print $2}' params.yaml)\necho \"{\\\"acc\\\": $C}\" > metrics.json\n");
      CliRun.write(repo, "cairn.yaml", "ci:\n  test_command: ''\n  matrix:\n    C: [2, 3]\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("pipeline").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
      git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(bare.toString())).call();
      git.push().setRemote("origin").add("main").call();
    }
  }

  @Test
  void matrixWorkflowPassesActionlint() throws Exception {
    Result r = run(repo, "ci", "init", "--github", "--matrix");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(".github/workflows/cairn-experiments.yml\n");
    Path wf = repo.resolve(".github/workflows/cairn-experiments.yml");
    CiInitTest.actionlint(wf);
    Map<?, ?> y = (Map<?, ?>) StructuredFiles.parseYaml(Files.readString(wf), "cairn-experiments.yml");
    Map<?, ?> jobs = (Map<?, ?>) y.get("jobs");
    assertThat(jobs.keySet().stream().map(String::valueOf).toList()).containsExactly("plan", "experiment", "report");
    assertThat(y.get("permissions")).isEqualTo(Map.of("contents", "read"));
    Map<?, ?> exp = (Map<?, ?>) jobs.get("experiment");
    assertThat(exp.get("permissions")).isEqualTo(Map.of("contents", "write"));
    assertThat(((Map<?, ?>) ((Map<?, ?>) exp.get("strategy")).get("matrix")).get("include"))
        .isEqualTo("${{ fromJSON(needs.plan.outputs.matrix) }}");
    assertThat(((Map<?, ?>) jobs.get("report")).get("permissions"))
        .isEqualTo(Map.of("contents", "read", "pull-requests", "write"));
    String text = Files.readString(wf);
    assertThat(text).contains("./cairnw ci matrix --plan", "./cairnw ci matrix --run \"$TASK\"",
        "./cairnw ci matrix --report", "ref: ${{ github.event.pull_request.head.sha }}").doesNotContain("./cairn ");
    Result gitlab = run(repo, "ci", "init", "--gitlab", "--matrix");
    assertThat(gitlab.code()).isEqualTo(2);
    assertThat(gitlab.err()).isEqualTo("ERROR: --matrix is for GitHub workflows only\n");
  }

  @Test
  void queuedEntriesAndTheGridFanOutEachJobPushesItsExperimentAndTheReportListsThemAll() throws Exception {
    assertThat(run(repo, "exp", "run", "--queue", "-S", "C=5", "-n", "q5").code()).isZero();
    Result pushed = run(repo, "queue", "push", bare.toString());
    assertThat(pushed.code()).as(pushed.err()).isZero();
    assertThat(pushed.out()).matches("Pushed queued experiment 'q5' \\(task [0-9a-f]{7}\\)\\.\n");

    // the plan job, in a fresh clone as a runner has it
    Path plan = clone("plan");
    Result p = run(plan, "ci", "matrix", "--plan");
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(p.out()).matches("\\[\\{\"task\": \"queued-[0-9a-f]{40}\", \"name\": \"q5\"\\}, "
        + "\\{\"task\": \"grid-1\", \"name\": \"grid-1\"\\}, \\{\"task\": \"grid-2\", \"name\": \"grid-2\"\\}\\]\n");
    String queuedTask = p.out().substring(p.out().indexOf("queued-"), p.out().indexOf("queued-") + 47);

    // one job per task, each in its own clone
    for (String task : List.of(queuedTask, "grid-1", "grid-2")) {
      Path job = clone(task);
      Result r = run(job, "ci", "matrix", "--run", task);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.out()).contains("Ran experiment '");
    }
    try (Git b = Git.open(bare.toFile())) {
      List<String> refs = b.getRepository().getRefDatabase().getRefsByPrefix("refs/exps/").stream().map(Ref::getName)
          .toList();
      assertThat(refs).noneMatch(n -> n.startsWith("refs/exps/celery/queue/"));
      assertThat(refs.stream().map(n -> n.substring(n.lastIndexOf('/') + 1)).sorted())
          .containsExactly("grid-1", "grid-2", "q5");
    }
    Result again = run(clone("again"), "ci", "matrix", "--run", "grid-2");
    assertThat(again.code()).as("a re-run replaces the experiment: " + again.err()).isZero();

    Path report = clone("report");
    Result r = run(report, "ci", "matrix", "--report", "--no-comment");
    assertThat(r.code()).as(r.err()).isZero();
    String md = Files.readString(report.resolve("report/experiments.md"));
    assertThat(md).startsWith("## Experiments\n\n| Experiment").contains("q5").contains("grid-1").contains("grid-2")
        .contains("| 5 ").contains("| 2 ").contains("| 3 ");

    Result bad = run(report, "ci", "matrix", "--run", "nope");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("ERROR: Unknown matrix task 'nope' (expected queued-<commit> or grid-<n>, as"
        + " 'cairn ci matrix --plan' lists them)\n");
    CliRun.write(report, "cairn.yaml", "ci:\n  matrix:\n    C: 3\n");
    Result badGrid = run(report, "ci", "matrix", "--plan");
    assertThat(badGrid.code()).isEqualTo(2);
    assertThat(badGrid.err()).isEqualTo("ERROR: cairn.yaml: ci.matrix.C: expected a non-empty list of values, found 3\n");
  }

  private Path clone(String name) throws Exception {
    Path d = tmp.resolve("clone-" + name);
    Git.cloneRepository().setURI(bare.toString()).setDirectory(d.toFile()).call().close();
    return d;
  }
}
