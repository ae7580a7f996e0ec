package dev.cairn.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks {@link Gate}s against the metrics of the head and of the base revision.
 *
 * <p>A gate fails, with a message giving the numbers, when its bound is broken, and also when a
 * value it needs is missing on either side, is not a number, or is found in several files under
 * the same name (write {@code file:name} then). A missing value never passes.
 */
final class Gates {
  private Gates() {}

  /** Evaluates every gate, in order. */
  public static List<GateResult> evaluate(List<Gate> gates, MetricValues head, MetricValues base) {
    List<GateResult> out = new ArrayList<>();
    for (Gate g : gates) {
      out.add(evaluate(g, head, base));
    }
    return out;
  }

  /** Whether every result passed (true for none). */
  public static boolean allPassed(List<GateResult> results) {
    return results.stream().allMatch(GateResult::passed);
  }

  /** Evaluates one gate. */
  public static GateResult evaluate(Gate g, MetricValues head, MetricValues base) {
    String m = g.metric();
    Side h = side(g, head);
    if (h.problem != null) {
      return new GateResult(g, false, h.file, null, null, m + " " + h.problem + " in " + head.revision());
    }
    double hv = h.value;
    switch (g.rule()) {
      case MIN -> {
        boolean ok = hv >= g.threshold();
        return new GateResult(g, ok, h.file, hv, null,
            m + " " + Numbers.format(hv) + (ok ? " >= " : " < ") + "min " + g.text());
      }
      case MAX -> {
        boolean ok = hv <= g.threshold();
        return new GateResult(g, ok, h.file, hv, null,
            m + " " + Numbers.format(hv) + (ok ? " <= " : " > ") + "max " + g.text());
      }
      default -> {
        Side b = side(g.file().isEmpty() ? new Gate(h.file, g.name(), g.rule(), g.threshold(), g.relative(), g.text()) : g,
            base);
        if (b.problem != null) {
          return new GateResult(g, false, h.file, hv, null, m + " " + b.problem + " in base " + base.revision()
              + " (" + g.rule().key() + " needs it)");
        }
        return delta(g, h.file, hv, b.value);
      }
    }
  }

  private static GateResult delta(Gate g, String file, double hv, double bv) {
    boolean drop = g.rule() == Gate.Rule.MAX_DROP;
    double change = drop ? bv - hv : hv - bv;
    String verb = drop ? (change >= 0 ? "dropped" : "rose") : (change >= 0 ? "increased" : "decreased");
    String numbers = " (" + Numbers.format(bv) + " -> " + Numbers.format(hv) + ")";
    if (g.relative()) {
      if (bv == 0) {
        boolean ok = change <= 0;
        return new GateResult(g, ok, file, hv, bv, g.metric() + numbers + ": " + (ok ? "no " + (drop ? "drop" : "increase")
            : "a relative change from 0 is unbounded") + ", " + g.describe());
      }
      double rel = change / Math.abs(bv);
      boolean ok = rel <= g.threshold();
      return new GateResult(g, ok, file, hv, bv, g.metric() + " " + verb + " " + Numbers.format(Math.abs(rel) * 100) + "%" + numbers
          + (ok ? " <= " : " > ") + g.describe());
    }
    boolean ok = change <= g.threshold() + 1e-12 * Math.max(1, Math.abs(bv));
    return new GateResult(g, ok, file, hv, bv, g.metric() + " " + verb + " " + Numbers.format(Math.abs(change)) + numbers
        + (ok ? " <= " : " > ") + g.describe());
  }

  /** A value found on one side, or why there is none. */
  private record Side(String file, double value, String problem) {}

  private static Side side(Gate g, MetricValues values) {
    List<MetricValues.Found> found = values.find(g);
    if (found.isEmpty()) {
      return new Side("", Double.NaN, "is missing");
    }
    if (found.size() > 1) {
      return new Side("", Double.NaN, "is ambiguous (in " + String.join(", ", found.stream().map(MetricValues.Found::file)
          .toList()) + "; write file:name)");
    }
    MetricValues.Found f = found.get(0);
    Object v = f.value();
    if (v instanceof Boolean || !(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
      return new Side(f.file(), Double.NaN, "is not a finite number (" + v + ")");
    }
    return new Side(f.file(), n.doubleValue(), null);
  }
}
