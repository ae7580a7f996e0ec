package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cairn queue status|logs|kill|retry|remove|start|stop} with the local executor, in a real
 * Git repository whose stage is a shell script: DVC's words and table, one-line errors, kill through
 * the runner, a background worker process.
 */
class QueueCmdTest {
  static final String PIPELINE = """
      stages:
        train:
          cmd: sh train.sh
          params:
          - C
          - hold
          metrics:
          - metrics.json:
              cache: false
      """;

  @TempDir
  Path dir;
  @TempDir
  Path tmp;
  Path hold;

  @BeforeEach
  void setUp() throws Exception {
    hold = tmp.resolve("hold");
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      assertThat(CliRun.in(dir, "init").code()).isZero();
      CliRun.write(dir, "params.yaml", "C: 1\nhold: " + hold + "\n");
      CliRun.write(dir, "dvc.yaml", PIPELINE);
      // waits while the hold file exists (at most 60 s), so that a test can see and kill a running task
      CliRun.write(dir, "train.sh", """
          C=$(awk '/^C:/{print $2}' params.yaml)
          H=$(awk '/^hold:/{print $2}' params.yaml)
          echo "training with C=$C"
          i=0
          while [ -f "$H" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done
          test "$C" != fail || exit 3
          echo "{\\"acc\\": $C}" > metrics.json
          """);
      git.add().addFilepattern(".").call();
      git.commit().setMessage("pipeline").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com").call();
    }
  }

  private static void await(String what, Supplier<Boolean> cond) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!cond.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }

  @Test
  void statusLogsRetryAndRemoveLikeDvc() throws Exception {
    assertThat(CliRun.in(dir, "queue", "status").out())
        .isEqualTo("No experiment tasks in the queue.\n\nWorker status: 0 active, 0 idle\n");
    assertThat(CliRun.in(dir, "exp", "run", "--queue", "-S", "C=2", "-n", "two").code()).isZero();
    assertThat(CliRun.in(dir, "exp", "run", "--queue", "-S", "C=fail", "-n", "bad").code()).isZero();
    CliRun queued = CliRun.in(dir, "queue", "status");
    assertThat(queued.out()).startsWith("Task     Name    Created    Status\n")
        .containsPattern("(?m)^[0-9a-f]{7}  two     .{8,12}  Queued$")
        .containsPattern("(?m)^[0-9a-f]{7}  bad     .{8,12}  Queued$")
        .endsWith("\nWorker status: 0 active, 0 idle\n");

    CliRun run = CliRun.in(dir, "exp", "run", "--run-all");
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).contains("ERROR: experiment 'bad' failed (exit code 3)")
        .contains("ERROR: 1 of 2 queued experiments failed; first: 'bad'");

    CliRun after = CliRun.in(dir, "queue", "status");
    assertThat(after.out()).contains("Executor").contains("Reason")
        .containsPattern("(?m)^[0-9a-f]{7}  bad .* Failed +local +failed to reproduce 'train'.*\\(exit code 3\\)$")
        .containsPattern("(?m)^[0-9a-f]{7}  two .* Success +local *$");
    // bad is listed before two: failed before success, as DVC orders them
    assertThat(after.out().indexOf(" bad ")).isLessThan(after.out().indexOf(" two "));

    CliRun logs = CliRun.in(dir, "queue", "logs", "two");
    assertThat(logs.code()).as(logs.err()).isZero();
    assertThat(logs.out()).contains("Running stage 'train':").contains("training with C=2");
    assertThat(CliRun.in(dir, "queue", "logs", "bad").out()).contains("training with C=fail")
        .contains("ERROR: failed to reproduce 'train'");

    CliRun json = CliRun.in(dir, "queue", "status", "--json");
    assertThat(json.out()).startsWith("{\"tasks\": [{\"rev\": \"").contains("\"status\": \"Failed\"")
        .contains("\"params\": [\"C=2\"]").contains("\"ref\": \"refs/exps/");

    CliRun unknown = CliRun.in(dir, "queue", "logs", "nope");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.errLines()).containsExactly("ERROR: No task named 'nope' in the queue; see 'cairn queue status'");
    CliRun both = CliRun.in(dir, "queue", "remove", "--all", "two");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("Either provide tasks, or use the --all, --queued, --failed, --success flags");

    CliRun retry = CliRun.in(dir, "queue", "retry", "bad");
    assertThat(retry.out()).isEqualTo("Queued experiment 'bad' again.\n");
    assertThat(CliRun.in(dir, "queue", "status").out()).containsPattern("(?m)^[0-9a-f]{7}  bad .* Queued *$");
    try (Git git = Git.open(dir.toFile())) {
      Repository r = git.getRepository();
      assertThat(r.exactRef("refs/exps/celery/failed")).isNull();
      assertThat(r.exactRef("refs/exps/celery/stash")).isNotNull();
    }
    assertThat(CliRun.in(dir, "queue", "remove", "bad").out()).isEqualTo("Removed tasks in queue: bad\n");
    assertThat(CliRun.in(dir, "queue", "remove", "--success").out()).isEqualTo("Removed tasks in queue: two\n");
    assertThat(CliRun.in(dir, "queue", "status").out()).startsWith("No experiment tasks in the queue.");
    // the experiment itself stays
    assertThat(CliRun.in(dir, "exp", "show", "--json").out()).contains("\"name\": \"two\"");
  }

  @Test
  void killEndsARunningTaskInTheFailedQueueAndRetryCompletesIt() throws Exception {
    Files.writeString(hold, "");
    assertThat(CliRun.in(dir, "exp", "run", "--queue", "-S", "C=4", "-n", "slow").code()).isZero();
    CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.in(dir, "exp", "run", "--run-all"));
    await("the task to run", () -> {
      CliRun s = CliRun.in(dir, "queue", "status");
      return s.out().contains("Running") && CliRun.in(dir, "queue", "logs", "slow").out().contains("training with");
    });
    assertThat(CliRun.in(dir, "queue", "status").out()).containsPattern("(?m)^[0-9a-f]{7}  slow .* Running +local *$")
        .endsWith("Worker status: 0 active, 0 idle\n");
    CliRun notRunning = CliRun.in(dir, "queue", "kill", "other");
    assertThat(notRunning.code()).isEqualTo(2);
    assertThat(notRunning.errLines()).containsExactly(
        "ERROR: No task named 'other' among the running tasks; see 'cairn queue status'");
    assertThat(CliRun.in(dir, "queue", "kill", "slow").out()).isEqualTo("slow has been killed.\n");
    CliRun ended = run.get(60, TimeUnit.SECONDS);
    assertThat(ended.code()).isEqualTo(1);
    assertThat(CliRun.in(dir, "queue", "status").out())
        .containsPattern("(?m)^[0-9a-f]{7}  slow .* Failed +local +killed by 'cairn queue kill'$");
    Files.delete(hold);
    assertThat(CliRun.in(dir, "queue", "retry").out()).isEqualTo("Queued experiment 'slow' again.\n");
    CliRun again = CliRun.in(dir, "exp", "run", "--run-all");
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out()).contains("Ran experiment(s): slow");
    assertThat(CliRun.in(dir, "queue", "status").out()).containsPattern("(?m)^[0-9a-f]{7}  slow .* Success +local *$");
    CliRun fsck = CliRun.in(dir, "fsck");
    assertThat(fsck.code()).as(fsck.out() + fsck.err()).isZero();
    try (var s = Files.list(dir.resolve(".dvc/tmp/exps"))) {
      assertThat(s.map(p -> p.getFileName().toString())).doesNotContain("tmp").allMatch(n -> !n.startsWith("tmp"));
    }
  }

  @Test
  void startRunsABackgroundWorkerAndStopStopsIt() throws Exception {
    assertThat(CliRun.in(dir, "exp", "run", "--queue", "-S", "C=5", "-n", "bg").code()).isZero();
    CliRun start = CliRun.in(dir, "queue", "start");
    assertThat(start.code()).as(start.err()).isZero();
    assertThat(start.out()).isEqualTo("Started '1' new experiments task queue worker.\n");
    await("the worker to finish", () -> CliRun.in(dir, "queue", "status").out()
        .matches("(?s).*  bg .* Success +local *\n.*"));
    assertThat(CliRun.in(dir, "exp", "show", "--json").out()).contains("\"name\": \"bg\"");
    await("the worker to exit", () -> CliRun.in(dir, "queue", "status").out()
        .endsWith("Worker status: 0 active, 0 idle\n"));
    assertThat(CliRun.in(dir, "queue", "stop").out()).isEqualTo("Queue workers will stop after running tasks finish.\n");
    CliRun bad = CliRun.in(dir, "queue", "start", "--executor", "cloud");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.errLines()).containsExactly("ERROR: Unknown executor 'cloud' (expected one of local, slurm)");
  }
}
