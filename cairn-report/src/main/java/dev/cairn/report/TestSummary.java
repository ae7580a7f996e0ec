package dev.cairn.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts from JUnit XML reports, and the tests that failed.
 *
 * @param files how many report files were read
 * @param tests test cases run
 * @param failures assertion failures
 * @param errors tests that threw
 * @param skipped tests skipped
 * @param failed the failed and errored tests, in report order
 */
public record TestSummary(int files, int tests, int failures, int errors, int skipped, List<FailedTest> failed) {
  /** Copies the list. */
  public TestSummary {
    failed = List.copyOf(failed);
  }

  /**
   * One failed test.
   *
   * @param name {@code Class.method} (or the test case name as reported)
   * @param message the first line of the failure message; empty when there is none
   */
  public record FailedTest(String name, String message) {}

  /** No reports found. */
  public static TestSummary none() {
    return new TestSummary(0, 0, 0, 0, 0, List.of());
  }

  /** Tests that passed. */
  public int passed() {
    return Math.max(0, tests - failures - errors - skipped);
  }

  /** Whether no test failed or errored. */
  public boolean ok() {
    return failures == 0 && errors == 0;
  }

  /** The JSON form. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("files", files);
    m.put("tests", tests);
    m.put("passed", passed());
    m.put("failures", failures);
    m.put("errors", errors);
    m.put("skipped", skipped);
    m.put("failed", failed.stream().map(f -> {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", f.name());
      x.put("message", f.message());
      return x;
    }).toList());
    return m;
  }
}
