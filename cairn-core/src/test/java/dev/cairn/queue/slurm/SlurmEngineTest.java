package dev.cairn.queue.slurm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.queue.JobStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Slurm's commands print, read back: squeue's {@code %i|%T|%r} lines and sacct's parsable
 * lines (as Slurm 22.05 prints them), and the sbatch options the settings give. The commands
 * themselves run against a real cluster in cairn-dist's SlurmIT.
 */
class SlurmEngineTest {
  @Test
  void squeueLinesBecomePhases() {
    Map<String, JobStatus> m = new LinkedHashMap<>();
    SlurmEngine.parseSqueue("""
        4|PENDING|Resources
        2|RUNNING|None
        3|COMPLETING|None
        1|COMPLETED|None
        5|CANCELLED|None
        6|TIMEOUT|TimeLimit
        7|FAILED|NonZeroExitCode
        8|NODE_FAIL|NodeDown
        """, m);
    assertThat(m.get("4")).isEqualTo(new JobStatus("4", JobStatus.Phase.PENDING, "PENDING", "Resources"));
    assertThat(m.get("4").display()).isEqualTo("PENDING (Resources)");
    assertThat(m.get("2").phase()).isEqualTo(JobStatus.Phase.RUNNING);
    assertThat(m.get("2").display()).isEqualTo("RUNNING");
    assertThat(m.get("3").phase()).isEqualTo(JobStatus.Phase.RUNNING);
    assertThat(m.get("1").phase()).isEqualTo(JobStatus.Phase.SUCCEEDED);
    for (String id : List.of("5", "6", "7", "8")) {
      assertThat(m.get(id).phase()).as(id).isEqualTo(JobStatus.Phase.FAILED);
    }
    assertThat(m.get("6").display()).isEqualTo("TIMEOUT (TimeLimit)");
  }

  @Test
  void sacctLinesSkipStepsAndKeepTheExitCode() {
    Map<String, JobStatus> m = new LinkedHashMap<>();
    SlurmEngine.parseSacct("""
        11|CANCELLED by 0|0:15
        11.batch|CANCELLED|0:15
        12|COMPLETED|0:0
        13|OUT_OF_MEMORY|0:125
        """, m);
    assertThat(m).containsOnlyKeys("11", "12", "13");
    assertThat(m.get("11")).isEqualTo(new JobStatus("11", JobStatus.Phase.FAILED, "CANCELLED", "exit code 0:15"));
    assertThat(m.get("12").phase()).isEqualTo(JobStatus.Phase.SUCCEEDED);
    assertThat(m.get("13").display()).isEqualTo("OUT_OF_MEMORY (exit code 0:125)");
  }

  @Test
  void settingsGiveSbatchOptionsInAFixedOrder() {
    SlurmSettings s = new SlurmSettings("gpu", "1:00:00", 4, "16G", "gpu:1", "ml", List.of("--qos=normal"));
    assertThat(s.options()).containsExactly("--partition=gpu", "--account=ml", "--time=1:00:00", "--cpus-per-task=4",
        "--mem=16G", "--gres=gpu:1", "--qos=normal");
    assertThat(new SlurmSettings(null, null, null, null, null, null, List.of()).options()).isEmpty();
  }
}
