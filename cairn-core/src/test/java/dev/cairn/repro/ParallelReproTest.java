package dev.cairn.repro;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.repro.StageOutcome.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code repro -j}: independent stages overlap; dvc.lock is byte-identical to a serial run. */
class ParallelReproTest {
  static final String PIPELINE = """
      stages:
        slow:
          cmd: date +%s%N > slow.start && sleep 1.5 && cp a.txt slow.out && date +%s%N > slow.end
          deps:
          - a.txt
          outs:
          - slow.out
        fast:
          cmd: date +%s%N > fast.start && sleep 0.5 && cp b.txt fast.out && echo fast done && date +%s%N > fast.end
          deps:
          - b.txt
          outs:
          - fast.out
        join:
          cmd: date +%s%N > join.start && cat slow.out fast.out > joined.out
          deps:
          - fast.out
          - slow.out
          outs:
          - joined.out
      """;

  @TempDir
  Path parallelDir;

  @TempDir
  Path serialDir;

  private static TestRepo setUp(Path dir) throws Exception {
    TestRepo r = new TestRepo(dir);
    r.write("a.txt", "a\n");
    r.write("b.txt", "b\n");
    r.write("dvc.yaml", PIPELINE);
    return r;
  }

  private static long time(TestRepo r, String file) throws Exception {
    return Long.parseLong(r.read(file).strip());
  }

  @Test
  void independentStagesOverlapAndLockMatchesSerialRun() throws Exception {
    TestRepo par = setUp(parallelDir);
    TestRepo.Run run = par.repro(c -> c.setJobs(2));
    assertThat(run.error()).isNull();
    assertThat(run.result().stages(Kind.RAN)).containsExactly("slow", "fast", "join");

    long slowStart = time(par, "slow.start");
    long slowEnd = time(par, "slow.end");
    long fastStart = time(par, "fast.start");
    long fastEnd = time(par, "fast.end");
    // both ran at the same time: each started before the other ended
    assertThat(slowStart).isLessThan(fastEnd);
    assertThat(fastStart).isLessThan(slowEnd);
    // fast finished first, yet the lock lists stages in plan order
    assertThat(fastEnd).isLessThan(slowEnd);
    // the dependent stage started only after both
    assertThat(time(par, "join.start")).isGreaterThan(slowEnd).isGreaterThan(fastEnd);
    assertThat(run.output()).contains("[fast] fast done");

    TestRepo ser = setUp(serialDir);
    TestRepo.Run serial = ser.repro(c -> c.setJobs(1));
    assertThat(serial.result().stages(Kind.RAN)).containsExactly("slow", "fast", "join");
    assertThat(time(ser, "slow.end")).isLessThan(time(ser, "fast.start"));

    assertThat(par.read("dvc.lock")).isEqualTo(ser.read("dvc.lock"));
    assertThat(par.read("dvc.lock").indexOf("  slow:")).isLessThan(par.read("dvc.lock").indexOf("  fast:"));
  }
}
