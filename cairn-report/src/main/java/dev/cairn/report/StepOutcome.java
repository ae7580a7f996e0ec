package dev.cairn.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one step of {@code cairn ci run} did, shown in the report.
 *
 * @param name the step, e.g. {@code pull}, {@code tests}, {@code repro}
 * @param status how it ended
 * @param detail one line, e.g. the command run or why the step was skipped
 */
public record StepOutcome(String name, Status status, String detail) {
  /** How a step ended. */
  public enum Status {
    /** It ran and succeeded. */
    OK,
    /** It ran and failed. */
    FAILED,
    /** It did not run. */
    SKIPPED;

    /** Lower-case name. */
    public String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Checks for nulls. */
  public StepOutcome {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }

  /** The JSON form. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", name);
    m.put("status", status.label());
    m.put("detail", detail);
    return m;
  }
}
