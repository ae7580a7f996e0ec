package dev.cairn.report;

import dev.cairn.metrics.DiffResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a reviewer reads about a change: built by {@link ReportBuilder}, rendered by {@link
 * ReportMarkdown} and {@link #toJson()}.
 *
 * @param title the heading
 * @param base the base revision as given, e.g. {@code main}
 * @param head the head revision, usually {@code workspace}
 * @param gates gate results, in {@code cairn.yaml} order
 * @param metrics {@code metrics diff <base> <head>}
 * @param params {@code params diff <base> <head>}
 * @param plots plots whose data changed
 * @param tests the JUnit summary
 * @param data tracked outputs added, modified or deleted
 * @param runUrl the CI run's web page; empty when unknown
 * @param steps the {@code ci run} steps; empty for {@code cairn report}
 * @param warnings problems met while reading (e.g. a revision whose metrics failed to load)
 */
public record Report(String title, String base, String head, List<GateResult> gates, DiffResult metrics,
    DiffResult params, List<ChangedPlot> plots, TestSummary tests, List<DataChange> data, String runUrl,
    List<StepOutcome> steps, List<String> warnings) {
  /** Copies the lists. */
  public Report {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(head, "head");
    gates = List.copyOf(gates);
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(params, "params");
    plots = List.copyOf(plots);
    Objects.requireNonNull(tests, "tests");
    data = List.copyOf(data);
    Objects.requireNonNull(runUrl, "runUrl");
    steps = List.copyOf(steps);
    warnings = List.copyOf(warnings);
  }

  /** Whether every gate passed. */
  public boolean gatesPassed() {
    return Gates.allPassed(gates);
  }

  /** Whether gates, tests and steps all succeeded. */
  public boolean passed() {
    return gatesPassed() && tests.ok() && steps.stream().noneMatch(s -> s.status() == StepOutcome.Status.FAILED);
  }

  /** The same report with the {@code ci run} steps set. */
  public Report withSteps(List<StepOutcome> newSteps) {
    return new Report(title, base, head, gates, metrics, params, plots, tests, data, runUrl, newSteps, warnings);
  }

  /** The JSON form: the same data as the Markdown. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", title);
    m.put("base", base);
    m.put("head", head);
    m.put("passed", passed());
    m.put("gates", gates.stream().map(GateResult::toJson).toList());
    m.put("metrics", metrics.toJson());
    m.put("params", params.toJson());
    m.put("plots", plots.stream().map(ChangedPlot::toJson).toList());
    m.put("tests", tests.toJson());
    m.put("data", data.stream().map(DataChange::toJson).toList());
    m.put("run_url", runUrl.isEmpty() ? null : runUrl);
    m.put("steps", steps.stream().map(StepOutcome::toJson).toList());
    m.put("warnings", warnings);
    return m;
  }
}
