package dev.cairn.report;

import dev.cairn.errors.CairnException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Cairn's own settings, from {@code cairn.yaml} at the repository root. Every part is optional:
 *
 * <pre>{@code
 * gates:
 *   accuracy: {min: 0.55}
 *   dvclive/metrics.json:accuracy: {max_drop: 0.01}
 *   loss: {max: 0.7, max_increase: 5%}
 * report: {base: main, tests: target/surefire-reports, title: Model report}
 * ci: {test_command: mvn -B test, matrix: {train.C: [1, 10, 100]}}
 * executors: {slurm: {partition: gpu, time: '2:00:00'}}   # read by dev.cairn.queue.ExecutorConfig
 * }</pre>
 *
 * @param gates the gates in file order, one per bound
 * @param report the report defaults
 * @param ci the {@code ci run} settings
 */
public record CairnYaml(List<Gate> gates, ReportSettings report, CiSettings ci) {
  /** The file name, at the repository root. */
  public static final String FILE_NAME = "cairn.yaml";

  /** Copies the list. */
  public CairnYaml {
    gates = List.copyOf(gates);
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(ci, "ci");
  }

  /**
   * The {@code report} section.
   *
   * @param base the default base revision; empty when not set
   * @param tests directories (relative to the root) holding JUnit XML reports; empty to search
   *     for {@code target/surefire-reports} and {@code target/failsafe-reports} directories
   * @param title the report's heading; empty for the default
   */
  public record ReportSettings(String base, List<String> tests, String title) {
    /** Copies the list. */
    public ReportSettings {
      Objects.requireNonNull(base, "base");
      tests = List.copyOf(tests);
      Objects.requireNonNull(title, "title");
    }

    /** Nothing set. */
    public static ReportSettings defaults() {
      return new ReportSettings("", List.of(), "");
    }
  }

  /**
   * The {@code ci} section.
   *
   * @param testCommand the shell command that runs the tests: {@link #DEFAULT_TEST_COMMAND} when
   *     the key is absent; an empty string (written {@code test_command: ""}) runs no tests
   * @param matrix the params grid of {@code ci init --matrix}: param (as {@code -S} names it) → the
   *     values to try, in file order; every combination is one experiment; empty when not set
   */
  public record CiSettings(String testCommand, Map<String, List<String>> matrix) {
    /** The test command when none is set. */
    public static final String DEFAULT_TEST_COMMAND = "mvn -B test";

    /** Checks for null; copies the grid, keeping its order. */
    public CiSettings {
      Objects.requireNonNull(testCommand, "testCommand");
      Map<String, List<String>> m = new java.util.LinkedHashMap<>();
      matrix.forEach((k, v) -> m.put(k, List.copyOf(v)));
      matrix = java.util.Collections.unmodifiableMap(m);
    }

    /** Only a test command, no grid. */
    public CiSettings(String testCommand) {
      this(testCommand, Map.of());
    }

    /**
     * The grid's combinations, each the {@code -S} overrides of one experiment ({@code key=value}),
     * the first key varying slowest; empty without a grid.
     */
    public List<List<String>> combinations() {
      List<List<String>> out = new java.util.ArrayList<>();
      if (matrix.isEmpty()) {
        return out;
      }
      out.add(List.of());
      for (Map.Entry<String, List<String>> e : matrix.entrySet()) {
        List<List<String>> next = new java.util.ArrayList<>();
        for (List<String> prefix : out) {
          for (String v : e.getValue()) {
            List<String> l = new java.util.ArrayList<>(prefix);
            l.add(e.getKey() + "=" + v);
            next.add(List.copyOf(l));
          }
        }
        out = next;
      }
      return out;
    }

    /** Whether there is a test command to run. */
    public boolean runsTests() {
      return !testCommand.isBlank();
    }
  }

  /** No gates and default settings (a repository without {@code cairn.yaml}). */
  public static CairnYaml empty() {
    return new CairnYaml(List.of(), ReportSettings.defaults(), new CiSettings(CiSettings.DEFAULT_TEST_COMMAND));
  }

  /**
   * Reads {@code cairn.yaml} in {@code root}; {@link #empty()} when there is none.
   *
   * @throws CairnException of kind {@code INVALID_INPUT} with one line naming the file and the key
   *     when the file is malformed or holds an unknown key or a bad value
   */
  public static CairnYaml load(Path root) throws CairnException {
    return CairnYamlParser.load(root.resolve(FILE_NAME));
  }

  /** Parses the text of a {@code cairn.yaml}; {@code label} names it in errors. */
  public static CairnYaml parse(String text, String label) throws CairnException {
    return CairnYamlParser.parse(text, label);
  }

  /** The base revision from the settings, if set. */
  public Optional<String> base() {
    return report.base().isEmpty() ? Optional.empty() : Optional.of(report.base());
  }
}
