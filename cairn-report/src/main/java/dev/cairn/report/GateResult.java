package dev.cairn.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one {@link Gate}, with the numbers that decided it.
 *
 * @param gate the rule
 * @param passed whether it held
 * @param file the metrics file the value came from; empty when the metric was not found
 * @param head the head value, {@code null} when missing or not a number
 * @param base the base value, {@code null} when missing, not a number, or not needed
 * @param message one line with the numbers, e.g. {@code accuracy 0.52 < min 0.55}
 */
public record GateResult(Gate gate, boolean passed, String file, Double head, Double base, String message) {
  /** Checks for nulls. */
  public GateResult {
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
  }

  /** The JSON form: metric, rule, threshold, passed, file, head, base, message. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("metric", gate.metric());
    m.put("rule", gate.rule().key());
    m.put("threshold", gate.text());
    m.put("passed", passed);
    m.put("file", file.isEmpty() ? null : file);
    m.put("head", head);
    m.put("base", base);
    m.put("message", message);
    return m;
  }
}
