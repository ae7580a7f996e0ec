package dev.cairn.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterAll;

/**
 * Every parser in one coverage-guided run: the first byte picks the parser, the rest is its input.
 * One JVM pays Jazzer's start-up and instrumentation once, so {@code mvn verify} fuzzes all parsers
 * within its time budget (the failsafe execution sets {@code JAZZER_FUZZ=1}); executions per parser are
 * printed at the end and written to {@code target/fuzz-executions.txt}.
 */
class ParsersFuzzTest {
  interface Target {
    void check(byte[] input) throws Exception;
  }

  static final String[] NAMES = {"dvc.yaml", "dvc.lock", ".dvc", "config", ".dir", "metrics", "cairn.yaml"};
  static final Target[] TARGETS = {DvcYamlFuzzTest::check, DvcLockFuzzTest::check, DvcFileFuzzTest::check,
      ConfigFuzzTest::check, ManifestFuzzTest::check, MetricsFuzzTest::check, CairnYamlFuzzTest::check};
  static final AtomicLongArray EXECUTIONS = new AtomicLongArray(TARGETS.length);
  static final long START = System.nanoTime();

  @FuzzTest(maxDuration = "150s")
  void parsers(byte[] input) throws Exception {
    if (input.length == 0) {
      return;
    }
    int t = (input[0] & 0xff) % TARGETS.length;
    EXECUTIONS.incrementAndGet(t);
    TARGETS[t].check(Arrays.copyOfRange(input, 1, input.length));
  }

  @AfterAll
  static void report() throws IOException {
    StringBuilder sb = new StringBuilder();
    long total = 0;
    for (int i = 0; i < TARGETS.length; i++) {
      sb.append(String.format("%-10s %,12d executions%n", NAMES[i], EXECUTIONS.get(i)));
      total += EXECUTIONS.get(i);
    }
    sb.append(String.format("%-10s %,12d executions in %d s (JAZZER_FUZZ=%s)%n", "total", total,
        (System.nanoTime() - START) / 1_000_000_000L, System.getenv("JAZZER_FUZZ")));
    System.out.print(sb);
    Path out = Path.of("target", "fuzz-executions.txt");
    if (Files.isDirectory(out.getParent())) {
      Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
    }
  }
}
