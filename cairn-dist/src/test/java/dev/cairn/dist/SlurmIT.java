package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queued experiments run as jobs of a real single-node Slurm cluster ({@link SlurmCluster}), from the
 * release archive as a user runs it: the submitting side is {@code bin/cairn}; each job clones the
 * entry from a bare Git repository (the "Git remote the workers reach"), runs it with the
 * repository's {@code ./cairnw} (pinned to the archive by a {@code file:} URL), pulls its input from
 * and pushes its outputs to a local-directory DVC remote, and pushes the experiment ref. Compared
 * with the same experiments run by the local executor in another clone; a job cancelled mid-run ends
 * in the failed queue and a retry completes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlurmIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static SlurmCluster cluster;
  static Path home;
  static Path tmp;
  static Map<String, String> env;
  static Path repo;
  static Path bare;
  static Path dvcRemote;
  static Path hold;
  static Path workdir;

  @BeforeAll
  static void startCluster(@TempDir Path dir) throws Exception {
    String why = SlurmCluster.unavailable();
    Assumptions.assumeTrue(why == null, "skipped: " + why);
    tmp = dir;
    cluster = SlurmCluster.start(2);
    Map<String, String> e = Dist.env(tmp);
    e.put("CAIRN_WRAPPER_HOME", Files.createDirectories(tmp.resolve("wrapper-home")).toString());
    e.put("CAIRN_FSYNC", "0");
    hold = tmp.resolve("hold");
    e.put("CAIRN_IT_HOLD", hold.toString());
    env = cluster.env(e);
    home = Dist.unpack(tmp.resolve("dist"), env);
    bare = tmp.resolve("origin.git");
    dvcRemote = Files.createDirectories(tmp.resolve("dvc-remote"));
    workdir = Files.createDirectories(tmp.resolve("node-tmp"));
    repo = Files.createDirectories(tmp.resolve("project"));
    git(tmp, "init", "-q", "--bare", "-b", "main", bare.toString());
    git(repo, "init", "-q", "-b", "main");
    cairn(repo, "init").ok();
    cairn(repo, "wrapper", "--distribution-url", "file:" + Dist.TAR_GZ).ok();
    write(repo, "data/input.txt", "3\n5\n8\n13\n");
    cairn(repo, "add", "data/input.txt").ok();
    write(repo, "params.yaml", "train:\n  C: 1\n");
    write(repo, "train.sh", """
        C=$(awk '/C:/{print $2}' params.yaml)
        echo "training with C=$C on $(hostname)"
        i=0
        while [ -f "${CAIRN_IT_HOLD:-/nonexistent}" ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done
        sum=$(awk '{s+=$1} END {print s}' data/input.txt)
        echo "model: C=$C sum=$sum" > model.txt
        echo "{\\"score\\": $(awk "BEGIN{print $C * $sum / 10}"), \\"n\\": $(wc -l < data/input.txt)}" > metrics.json
        """);
    write(repo, "dvc.yaml", """
        stages:
          train:
            cmd: sh train.sh
            deps:
            - train.sh
            - data/input.txt
            params:
            - train.C
            outs:
            - model.txt
            metrics:
            - metrics.json
        """);
    write(repo, "cairn.yaml", "executors:\n  slurm:\n    cpus: 1\n    time: '10:00'\n    workdir: " + workdir + "\n"
        + "    sbatch_args: [--nodes=1]\n");
    cairn(repo, "remote", "add", "-d", "store", dvcRemote.toString()).ok();
    cairn(repo, "repro").ok();
    cairn(repo, "push").ok();
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "pipeline");
    git(repo, "remote", "add", "origin", bare.toString());
    git(repo, "push", "-q", "origin", "main");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  static Dist.Result cairn(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(home.resolve("bin/cairn").toString()));
    cmd.addAll(List.of(args));
    return Dist.run(dir, env, cmd);
  }

  static void git(Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git"));
    cmd.addAll(List.of(args));
    Dist.run(dir, env, cmd).ok();
  }

  static void write(Path dir, String rel, String text) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  /** name → metrics of every experiment {@code exp show --json} lists. */
  static Map<String, JsonNode> metrics(Path dir) throws Exception {
    JsonNode show = JSON.readTree(cairn(dir, "exp", "show", "--json").ok().out());
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode baseline : show) {
      for (JsonNode range : baseline.path("experiments")) {
        for (JsonNode rev : range.path("revs")) {
          out.put(rev.path("name").asText(), rev.path("data").path("metrics"));
        }
      }
    }
    return out;
  }

  @Test
  @Order(1)
  void fourExperimentsRunAsSlurmJobsGiveTheLocalExecutorsMetrics() throws Exception {
    // the reference: the same four experiments with the local executor, in another clone
    Path local = tmp.resolve("local-clone");
    git(tmp, "clone", "-q", bare.toString(), local.toString());
    cairn(local, "pull").ok();
    for (Path d : List.of(local, repo)) {
      for (int c = 1; c <= 4; c++) {
        cairn(d, "exp", "run", "--queue", "-S", "train.C=" + c, "-n", "c" + c).ok();
      }
    }
    long t0 = System.nanoTime();
    Dist.Result localRun = cairn(local, "exp", "run", "--run-all", "-j", "2").ok();
    double localSeconds = (System.nanoTime() - t0) / 1e9;
    assertThat(localRun.out()).contains("Ran experiment(s): c1, c2, c3, c4");

    // with Slurm: the queue is submitted, waited for and collected by one command; queue status is
    // polled beside it and must show Slurm's states
    t0 = System.nanoTime();
    Process run = Dist.start(repo, env, List.of(home.resolve("bin/cairn").toString(), "exp", "run", "--run-all",
        "--executor", "slurm"));
    CompletableFuture<Dist.Result> done = CompletableFuture.supplyAsync(() -> {
      try {
        return Dist.finish(run, List.of("exp run --run-all --executor slurm"));
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    });
    List<String> seen = new ArrayList<>();
    while (!done.isDone()) {
      Dist.Result s = cairn(repo, "queue", "status");
      if (s.code() == 0) {
        seen.add(s.out());
      }
      Thread.sleep(300);
    }
    Dist.Result slurmRun = done.get();
    double slurmSeconds = (System.nanoTime() - t0) / 1e9;
    assertThat(slurmRun.code()).as(slurmRun.err() + slurmRun.out() + cluster.logs()).isZero();
    assertThat(slurmRun.out()).contains("Ran experiment(s): c1, c2, c3, c4");
    assertThat(slurmRun.out()).contains("Submitted experiment 'c1' to slurm as job ");
    String all = String.join("\n", seen);
    assertThat(all).as("queue status while the jobs ran:\n" + all).containsPattern("(?m)^[0-9a-f]{7}  c\\d .* Running +slurm +\\d+ RUNNING");
    assertThat(all).as("queue status while the jobs ran:\n" + all).containsPattern("(?m)^[0-9a-f]{7}  c\\d .* Running +slurm +\\d+ PENDING");

    Map<String, JsonNode> fromSlurm = metrics(repo);
    Map<String, JsonNode> fromLocal = metrics(local);
    assertThat(fromSlurm.keySet()).containsExactly("c1", "c2", "c3", "c4");
    assertThat(fromSlurm).isEqualTo(fromLocal);
    assertThat(fromSlurm.get("c3").toString()).isEqualTo("{\"metrics.json\":{\"data\":{\"score\":8.7,\"n\":4}}}");
    Dist.Result status = cairn(repo, "queue", "status").ok();
    assertThat(status.out().lines().filter(l -> l.matches("[0-9a-f]{7}  c\\d .* Success +slurm +\\d+ COMPLETED *")))
        .hasSize(4);
    // the queue refs the jobs fetched are gone from the Git remote; the experiments are there
    String remoteRefs = Dist.run(tmp, env, "git", "--git-dir", bare.toString(), "for-each-ref", "--format=%(refname)")
        .ok().out();
    assertThat(remoteRefs).doesNotContain("refs/exps/celery/queue/");
    assertThat(remoteRefs.lines().filter(l -> l.matches("refs/exps/../.{38}/c\\d"))).hasSize(4);
    assertThat(Dist.files(workdir)).isEmpty();
    System.out.printf("SLURM-OVERHEAD: 4 experiments, 2 at a time: local executor %.1f s, slurm executor %.1f s,"
        + " %.1f s more per experiment%n", localSeconds, slurmSeconds, (slurmSeconds - localSeconds) / 4);
  }

  @Test
  @Order(2)
  void aJobCancelledMidRunEndsInTheFailedQueueAndARetryCompletes() throws Exception {
    Files.writeString(hold, "");
    cairn(repo, "exp", "run", "--queue", "-S", "train.C=7", "-n", "c7").ok();
    Dist.Result start = cairn(repo, "queue", "start", "--executor", "slurm").ok();
    assertThat(start.out()).matches("Submitted experiment 'c7' \\(task [0-9a-f]{7}\\) as slurm job \\d+\\.\n");
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (true) {
      Dist.Result logs = cairn(repo, "queue", "logs", "c7");
      if (logs.code() == 0 && logs.out().contains("training with C=7")) {
        break;
      }
      assertThat(System.nanoTime()).as("the job did not start training: " + logs.err() + cluster.logs())
          .isLessThan(deadline);
      Thread.sleep(500);
    }
    assertThat(cairn(repo, "queue", "status").ok().out()).containsPattern("(?m)  c7 .* Running +slurm +\\d+ RUNNING");
    assertThat(cairn(repo, "queue", "kill", "c7").ok().out()).isEqualTo("c7 has been killed.\n");
    String failed = "";
    while (System.nanoTime() < deadline) {
      failed = cairn(repo, "queue", "status").ok().out();
      if (failed.contains("Failed")) {
        break;
      }
      Thread.sleep(500);
    }
    assertThat(failed).containsPattern("(?m)  c7 .* Failed +slurm +\\d+ CANCELLED.* +slurm job \\d+ CANCELLED.*, by 'cairn queue kill'");
    String remoteRefs = Dist.run(tmp, env, "git", "--git-dir", bare.toString(), "for-each-ref", "--format=%(refname)")
        .ok().out();
    assertThat(remoteRefs).doesNotContain("/c7").doesNotContain("refs/exps/celery/queue/");
    assertThat(Dist.run(repo, env, "git", "rev-parse", "--verify", "-q", "refs/exps/celery/failed").code()).isZero();

    Files.delete(hold);
    assertThat(cairn(repo, "queue", "retry", "c7").ok().out()).isEqualTo("Queued experiment 'c7' again.\n");
    Dist.Result again = cairn(repo, "exp", "run", "--run-all", "--executor", "slurm");
    assertThat(again.code()).as(again.err() + again.out() + cluster.logs()).isZero();
    assertThat(again.out()).contains("Ran experiment(s): c7");
    assertThat(metrics(repo).get("c7").toString()).isEqualTo("{\"metrics.json\":{\"data\":{\"score\":20.3,\"n\":4}}}");
    assertThat(cairn(repo, "queue", "status").ok().out()).containsPattern("(?m)  c7 .* Success +slurm +\\d+ COMPLETED");
    // nothing left corrupt or locked: every cache object verifies, Git is consistent on both sides, the
    // repository lock is free, no worker clone is left
    Dist.Result fsck = cairn(repo, "fsck");
    assertThat(fsck.code()).as(fsck.out() + fsck.err()).isZero();
    Dist.run(repo, env, "git", "fsck", "--no-progress").ok();
    Dist.run(tmp, env, "git", "--git-dir", bare.toString(), "fsck", "--no-progress").ok();
    cairn(repo, "status").ok();
    assertThat(Dist.files(workdir)).isEmpty();
    assertThat(Dist.files(dvcRemote)).isNotEmpty();
  }

  @Test
  @Order(3)
  void badExecutorSettingsAreOneLineNamingTheKey() throws Exception {
    Path p = Files.createDirectories(tmp.resolve("bad-settings"));
    git(p, "init", "-q", "-b", "main");
    cairn(p, "init").ok();
    write(p, "cairn.yaml", "executors:\n  slurm:\n    cpus: many\n");
    Dist.Result r = cairn(p, "queue", "status");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("ERROR: cairn.yaml: executors.slurm.cpus: expected a whole number of 1 or more,"
        + " found 'many'\n");
    write(p, "cairn.yaml", "executors:\n  slurm:\n    partitions: gpu\n");
    r = cairn(p, "exp", "run", "--run-all", "--executor", "slurm");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("ERROR: cairn.yaml: executors.slurm.partitions: unknown key (expected one of ");
  }
}
