package dev.cairn.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.errors.CairnException;
import dev.cairn.format.StructuredFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code executors} section of cairn.yaml: every bad key or value is one line naming it. */
class ExecutorConfigTest {
  static ExecutorConfig parse(String yaml) throws Exception {
    Map<?, ?> top = (Map<?, ?>) StructuredFiles.parseYaml(yaml, "cairn.yaml");
    return ExecutorConfig.parse(top.get("executors"), "cairn.yaml");
  }

  static void bad(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(CairnException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((CairnException) e).kind()).isEqualTo(CairnException.Kind.INVALID_INPUT));
  }

  @Test
  void everyKeyOfTheIssueIsAcceptedWithGoodValues() throws Exception {
    ExecutorConfig c = parse("""
        executors:
          local: {}
          slurm:
            partition: gpu,debug
            time: '2-00:30:00'
            cpus: 4
            mem: 16G
            gres: gpu:a100:2
            account: ml-team
            sbatch_args: [--qos=normal, --exclusive]
            git_remote: origin
            remote: store
            cairn: /opt/cairn/bin/cairn
            workdir: /scratch/tmp
            log_dir: /shared/logs
        """);
    ExecutorConfig.Batch b = c.batch("slurm", Map.of());
    assertThat(b.engine().name()).isEqualTo("slurm");
    assertThat(b.worker()).isEqualTo(new WorkerSettings("origin", "store", "/opt/cairn/bin/cairn", "/scratch/tmp",
        "/shared/logs"));
    assertThat(parse("executors:\n  slurm:\n    time: 90\n    mem: 512\n").batch("slurm", Map.of()).worker())
        .isEqualTo(new WorkerSettings("origin", null, "cairn", null, null));
    assertThat(ExecutorConfig.names()).containsExactly("local", "slurm");
  }

  @Test
  void unknownKeysAndBadValuesNameTheKey() {
    bad("executors:\n  slurm:\n    partitions: gpu\n", "cairn.yaml: executors.slurm.partitions: unknown key (expected"
        + " one of account, cairn, cpus, git_remote, gres, log_dir, mem, partition, remote, sbatch_args, time, workdir)");
    bad("executors:\n  kubernetes: {}\n", "cairn.yaml: executors.kubernetes: unknown executor (expected one of local, slurm)");
    bad("executors:\n  local: {jobs: 2}\n", "cairn.yaml: executors.local.jobs: unknown key (the local executor has no"
        + " settings; use -j for parallel runs)");
    bad("executors: [slurm]\n", "cairn.yaml: executors: expected a mapping of executor names, found a list");
    bad("executors:\n  slurm: fast\n", "cairn.yaml: executors.slurm: expected a mapping of settings, found 'fast'");
    bad("executors:\n  slurm:\n    cpus: 0\n", "cairn.yaml: executors.slurm.cpus: expected a whole number of 1 or"
        + " more, found 0");
    bad("executors:\n  slurm:\n    cpus: 1.5\n", "cairn.yaml: executors.slurm.cpus: expected a whole number of 1 or"
        + " more, found 1.5");
    bad("executors:\n  slurm:\n    time: 2 hours\n", "cairn.yaml: executors.slurm.time: expected a time limit such as"
        + " 30, 1:30:00 or 2-00:00:00 (minutes, H:M:S, D-H:M:S), found '2 hours'");
    bad("executors:\n  slurm:\n    mem: 4GB\n", "cairn.yaml: executors.slurm.mem: expected an amount of memory such as"
        + " 4G or 512M, found '4GB'");
    bad("executors:\n  slurm:\n    gres: 'gpu: 1'\n", "cairn.yaml: executors.slurm.gres: expected generic resources"
        + " such as gpu:1 or gpu:a100:2, found 'gpu: 1'");
    bad("executors:\n  slurm:\n    partition: 'a b'\n", "cairn.yaml: executors.slurm.partition: expected a partition"
        + " name (or a comma-separated list), found 'a b'");
    bad("executors:\n  slurm:\n    sbatch_args: [qos=normal]\n", "cairn.yaml: executors.slurm.sbatch_args: expected"
        + " sbatch options (each starting with '-'), found 'qos=normal'");
    bad("executors:\n  slurm:\n    sbatch_args: {qos: normal}\n", "cairn.yaml: executors.slurm.sbatch_args: expected"
        + " a list of strings, found a mapping");
    bad("executors:\n  slurm:\n    git_remote: ''\n", "cairn.yaml: executors.slurm.git_remote: expected a value, found"
        + " an empty string");
    bad("executors:\n  slurm:\n    account: [a]\n", "cairn.yaml: executors.slurm.account: expected a string, found a list");
  }

  @Test
  void anUnknownExecutorOnTheCommandLine() {
    assertThatThrownBy(() -> ExecutorConfig.checkName("cloud")).hasMessage(
        "Unknown executor 'cloud' (expected one of local, slurm)");
  }
}
