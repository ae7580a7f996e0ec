package dev.cairn.report;

import java.util.Objects;

/**
 * One rule of {@code cairn.yaml}'s {@code gates}: a metric (by name, or {@code file:name}) and one
 * bound.
 *
 * @param file the metrics file the metric must come from; empty to match the name in any file
 * @param name the flattened metric name, e.g. {@code accuracy} or {@code test.loss}
 * @param rule the kind of bound
 * @param threshold the bound: a value for {@code min}/{@code max}, an amount for the others
 * @param relative whether {@code threshold} is a fraction of the base value (written with {@code %})
 * @param text the bound as written, e.g. {@code 5%}, for messages
 */
public record Gate(String file, String name, Rule rule, double threshold, boolean relative, String text) {
  /** The kinds of bound. */
  public enum Rule {
    /** The head value must be at least the threshold. */
    MIN("min"),
    /** The head value must be at most the threshold. */
    MAX("max"),
    /** The head value may be at most the threshold below the base value. */
    MAX_DROP("max_drop"),
    /** The head value may be at most the threshold above the base value. */
    MAX_INCREASE("max_increase");

    private final String key;

    Rule(String key) {
      this.key = key;
    }

    /** The key in {@code cairn.yaml}. */
    public String key() {
      return key;
    }

    /** Whether the rule compares with the base revision. */
    public boolean needsBase() {
      return this == MAX_DROP || this == MAX_INCREASE;
    }

    static Rule ofKey(String key) {
      for (Rule r : values()) {
        if (r.key.equals(key)) {
          return r;
        }
      }
      return null;
    }
  }

  /** Checks for nulls and a usable threshold. */
  public Gate {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(text, "text");
    if (!Double.isFinite(threshold)) {
      throw new IllegalArgumentException("threshold must be finite");
    }
  }

  /** The metric as written in {@code cairn.yaml}: {@code name} or {@code file:name}. */
  public String metric() {
    return file.isEmpty() ? name : file + ":" + name;
  }

  /** The rule as written, e.g. {@code max_increase 5%}. */
  public String describe() {
    return rule.key() + " " + text;
  }
}
