package dev.cairn.live;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Logs params, metrics and plots of one training or evaluation run into a DVCLive-compatible
 * directory.
 *
 * <pre>{@code
 * try (Live live = Live.open(Path.of("dvclive"))) {
 *   live.logParam("C", 10);
 *   for (int epoch = 0; epoch < 3; epoch++) {
 *     live.logMetric("train/loss", loss[epoch]);
 *     live.nextStep();
 *   }
 *   live.logMetric("accuracy", 0.61);
 *   live.logConfusionMatrix(actual, predicted);
 * }
 * }</pre>
 *
 * <p>Opening a run starts it afresh: an existing {@code metrics.json}, {@code params.yaml},
 * {@code plots/metrics/} and {@code plots/sklearn/} in the directory are removed, as DVCLive does.
 * {@code params.yaml} and plot files are rewritten on every call; {@code metrics.json} on
 * {@link #nextStep()}, {@link #makeSummary()} and {@link #close()}. Metric histories
 * ({@code plots/metrics/<name>.tsv}) grow by one whole line per logged value; every other file is
 * replaced atomically.
 *
 * <p>A metric name may contain {@code /}: {@code "train/loss"} is stored as {@code {"train": {"loss": ...}}}
 * in {@code metrics.json} and plotted in {@code plots/metrics/train/loss.tsv}. As in DVCLive, a
 * non-finite value is stored as the string {@code "nan"}, {@code "inf"} or {@code "-inf"}.
 *
 * <p>Not thread-safe: log from one thread, or synchronise externally.
 */
public final class Live implements AutoCloseable {
  /** The directory DVCLive uses by default, relative to the working directory. */
  public static final String DEFAULT_DIR = "dvclive";

  private final Path dir;
  private final Clock clock;
  private final boolean timestamps;
  private final Map<String, Object> summary = new LinkedHashMap<>();
  private final Map<String, Object> params = new LinkedHashMap<>();
  private Integer step;
  private boolean closed;

  private Live(Path dir, Clock clock, boolean timestamps) {
    this.dir = dir;
    this.clock = clock;
    this.timestamps = timestamps;
    AtomicFiles.deleteTree(metricsFile());
    AtomicFiles.deleteTree(paramsFile());
    AtomicFiles.deleteTree(plotsDir().resolve("metrics"));
    AtomicFiles.deleteTree(plotsDir().resolve("sklearn"));
  }

  /** Opens a fresh run in {@code dvclive/} under the working directory. */
  public static Live open() {
    return builder().open();
  }

  /** Opens a fresh run in {@code dir}, creating it when needed. */
  public static Live open(Path dir) {
    return builder().dir(dir).open();
  }

  /** Returns a builder for runs that need a non-default clock or timestamped histories. */
  public static Builder builder() {
    return new Builder();
  }

  /** Options for {@link Live}; each setter returns this builder. */
  public static final class Builder {
    private Path dir = Path.of(DEFAULT_DIR);
    private Clock clock = Clock.systemUTC();
    private boolean timestamps;

    private Builder() {}

    /** Sets the run directory (default {@code dvclive}). */
    public Builder dir(Path dir) {
      this.dir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Sets the clock used for history timestamps (default the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Adds a {@code timestamp} column (epoch milliseconds) in front of {@code step} in every metric
     * history, as DVCLive's {@code log_metric(..., timestamp=True)} does. Off by default.
     */
    public Builder timestamps(boolean timestamps) {
      this.timestamps = timestamps;
      return this;
    }

    /** Opens the run, removing the files of any earlier run in the same directory. */
    public Live open() {
      return new Live(dir, clock, timestamps);
    }
  }

  /** Returns the run directory. */
  public Path dir() {
    return dir;
  }

  /** Returns {@code <dir>/metrics.json}. */
  public Path metricsFile() {
    return dir.resolve("metrics.json");
  }

  /** Returns {@code <dir>/params.yaml}. */
  public Path paramsFile() {
    return dir.resolve("params.yaml");
  }

  /** Returns {@code <dir>/plots}. */
  public Path plotsDir() {
    return dir.resolve("plots");
  }

  /** Returns the current step: 0 until the first {@link #nextStep()}, then one more per call. */
  public int step() {
    return step == null ? 0 : step;
  }

  /**
   * Logs one parameter and rewrites {@code params.yaml}.
   *
   * @param name the parameter name (a top-level key of {@code params.yaml})
   * @param value a string, number, boolean, {@code null}, or a list or string-keyed map of those
   * @throws IllegalArgumentException if the value has another type
   */
  public void logParam(String name, Object value) {
    logParams(Map.of(Objects.requireNonNull(name, "name"), value == null ? NullValue.INSTANCE : value));
  }

  /**
   * Logs several parameters, in the map's iteration order, and rewrites {@code params.yaml} once.
   *
   * @throws IllegalArgumentException if a value is not a string, number, boolean, null, list or map
   */
  public void logParams(Map<String, ?> values) {
    ensureOpen();
    Map<String, Object> converted = new LinkedHashMap<>();
    values.forEach((k, v) -> converted.put(Objects.requireNonNull(k, "parameter name"), toTree(k, v)));
    params.putAll(converted);
    AtomicFiles.replace(paramsFile(), Yaml.write(params));
  }

  /** Logs an integer metric and adds it to its history. */
  public void logMetric(String name, long value) {
    logMetric(name, Long.valueOf(value), true);
  }

  /** Logs a floating-point metric and adds it to its history. */
  public void logMetric(String name, double value) {
    logMetric(name, Double.valueOf(value), true);
  }

  /**
   * Logs a metric.
   *
   * @param name the metric name; {@code /} separates nesting levels
   * @param value an integer or floating-point number
   * @param plot whether to append it to {@code plots/metrics/<name>.tsv}; when false it only goes to
   *     {@code metrics.json}
   * @throws IllegalArgumentException if the name is empty or has an empty, {@code .} or {@code ..} part
   */
  public void logMetric(String name, Number value, boolean plot) {
    ensureOpen();
    List<String> parts = nameParts(name);
    Object stored = metricValue(Objects.requireNonNull(value, "value"));
    if (plot) {
      appendHistory(name, parts, stored);
    }
    putNested(parts, stored);
  }

  /**
   * Logs a confusion matrix as {@code plots/sklearn/confusion_matrix.json}: one
   * {@code {"actual": ..., "predicted": ...}} row per sample, labels written as strings.
   *
   * @throws IllegalArgumentException if the lists differ in length
   */
  public void logConfusionMatrix(List<?> actual, List<?> predicted) {
    logConfusionMatrix("confusion_matrix", actual, predicted);
  }

  /** Logs a confusion matrix as {@code plots/sklearn/<name>.json}; see {@link #logConfusionMatrix(List, List)}. */
  public void logConfusionMatrix(String name, List<?> actual, List<?> predicted) {
    ensureOpen();
    if (actual.size() != predicted.size()) {
      throw new IllegalArgumentException("Actual and predicted labels differ in length: "
          + actual.size() + " vs " + predicted.size());
    }
    List<Object> rows = new ArrayList<>(actual.size());
    for (int i = 0; i < actual.size(); i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("actual", String.valueOf(actual.get(i)));
      row.put("predicted", String.valueOf(predicted.get(i)));
      rows.add(row);
    }
    writePlot(name, rows);
  }

  /**
   * Logs a ROC curve as {@code plots/sklearn/roc.json}: {@code {"roc": [{"fpr", "tpr", "threshold"}, ...]}}.
   *
   * @throws IllegalArgumentException see {@link Curves#roc(boolean[], double[])}
   */
  public void logRoc(boolean[] positive, double[] scores) {
    logRoc("roc", positive, scores);
  }

  /** Logs a ROC curve as {@code plots/sklearn/<name>.json}; see {@link #logRoc(boolean[], double[])}. */
  public void logRoc(String name, boolean[] positive, double[] scores) {
    ensureOpen();
    List<Object> rows = new ArrayList<>();
    for (RocPoint p : Curves.roc(positive, scores)) {
      rows.add(row("fpr", p.fpr(), "tpr", p.tpr(), "threshold", p.threshold()));
    }
    writePlot(name, Map.of("roc", rows));
  }

  /**
   * Logs a precision-recall curve as {@code plots/sklearn/precision_recall.json}:
   * {@code {"precision_recall": [{"precision", "recall", "threshold"}, ...]}}.
   *
   * @throws IllegalArgumentException see {@link Curves#precisionRecall(boolean[], double[])}
   */
  public void logPrecisionRecall(boolean[] positive, double[] scores) {
    logPrecisionRecall("precision_recall", positive, scores);
  }

  /** Logs a precision-recall curve as {@code plots/sklearn/<name>.json}. */
  public void logPrecisionRecall(String name, boolean[] positive, double[] scores) {
    ensureOpen();
    List<Object> rows = new ArrayList<>();
    for (PrecisionRecallPoint p : Curves.precisionRecall(positive, scores)) {
      rows.add(row("precision", p.precision(), "recall", p.recall(), "threshold", p.threshold()));
    }
    writePlot(name, Map.of("precision_recall", rows));
  }

  /** Writes {@code metrics.json}, ends the current step and starts the next one. */
  public void nextStep() {
    ensureOpen();
    if (step == null) {
      step = 0;
    }
    makeSummary();
    step = step + 1;
  }

  /** Writes {@code metrics.json} now: the latest value of each metric, plus {@code step} once steps are used. */
  public void makeSummary() {
    ensureOpen();
    writeSummary(step);
  }

  /** Returns a copy of the summary as {@code metrics.json} would hold it now. */
  public Map<String, Object> summary() {
    Map<String, Object> copy = deepCopy(summary);
    if (step != null) {
      copy.put("step", step.longValue());
    }
    return copy;
  }

  /**
   * Writes the final {@code metrics.json} and closes the run. As in DVCLive, its {@code step} is the
   * last step ended by {@link #nextStep()}. Closing twice does nothing.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    Integer lastEnded = step == null ? null : Math.max(0, step - 1);
    writeSummary(lastEnded);
    closed = true;
  }

  private void writeSummary(Integer stepValue) {
    Map<String, Object> out = deepCopy(summary);
    if (stepValue != null) {
      out.remove("step");
      out.put("step", stepValue.longValue());
    }
    AtomicFiles.replace(metricsFile(), Json.write(out));
  }

  private void appendHistory(String name, List<String> parts, Object value) {
    Path file = plotsDir().resolve("metrics");
    for (String part : parts) {
      file = file.resolve(part);
    }
    file = file.resolveSibling(parts.get(parts.size() - 1) + ".tsv");
    String cell = value instanceof Double d ? PyFloat.repr(d) : value.toString();
    String prefix = timestamps ? clock.millis() + "\t" : "";
    String line = prefix + step() + "\t" + tsvCell(cell) + "\n";
    if (Files.exists(file)) {
      AtomicFiles.appendLine(file, line);
    } else {
      String header = (timestamps ? "timestamp\t" : "") + "step\t" + tsvCell(parts.get(parts.size() - 1)) + "\n";
      AtomicFiles.replace(file, header + line);
    }
  }

  private void writePlot(String name, Object content) {
    List<String> parts = nameParts(name.endsWith(".json") ? name.substring(0, name.length() - 5) : name);
    Path file = plotsDir().resolve("sklearn");
    for (String part : parts) {
      file = file.resolve(part);
    }
    file = file.resolveSibling(parts.get(parts.size() - 1) + ".json");
    AtomicFiles.replace(file, Json.write(content));
  }

  @SuppressWarnings("unchecked")
  private void putNested(List<String> parts, Object value) {
    Map<String, Object> node = summary;
    for (String part : parts.subList(0, parts.size() - 1)) {
      Object child = node.get(part);
      if (!(child instanceof Map<?, ?>)) {
        child = new LinkedHashMap<String, Object>();
        node.put(part, child);
      }
      node = (Map<String, Object>) child;
    }
    node.put(parts.get(parts.size() - 1), value);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("This run in " + dir + " is closed");
    }
  }

  private static Map<String, Object> row(String k1, double v1, String k2, double v2, String k3, double v3) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put(k1, v1);
    row.put(k2, v2);
    row.put(k3, v3);
    return row;
  }

  private static String tsvCell(String cell) {
    if (cell.indexOf('\t') < 0 && cell.indexOf('\n') < 0 && cell.indexOf('\r') < 0 && cell.indexOf('"') < 0) {
      return cell;
    }
    return "\"" + cell.replace("\"", "\"\"") + "\"";
  }

  static List<String> nameParts(String name) {
    Objects.requireNonNull(name, "name");
    List<String> parts = List.of(name.split("/", -1));
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.indexOf('\\') >= 0) {
        throw new IllegalArgumentException("Invalid name '" + name
            + "': use non-empty parts separated by '/', without '.', '..' or '\\'");
      }
    }
    return parts;
  }

  private static Object metricValue(Number value) {
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger) {
      return value.longValue();
    }
    double d = value instanceof BigDecimal bd ? bd.doubleValue() : value.doubleValue();
    if (Double.isNaN(d)) {
      return "nan";
    } else if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    return d;
  }

  /** Marks an explicit null in {@link #logParam}, since {@link Map#of} refuses nulls. */
  private enum NullValue { INSTANCE }

  private static Object toTree(String name, Object value) {
    if (value == null || value == NullValue.INSTANCE) {
      return null;
    } else if (value instanceof String || value instanceof Boolean) {
      return value;
    } else if (value instanceof Number n) {
      if (n instanceof Double || n instanceof Float || n instanceof BigDecimal) {
        return n.doubleValue();
      }
      return n.longValue();
    } else if (value instanceof Enum<?> e) {
      return e.name();
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), toTree(name, v)));
      return out;
    } else if (value instanceof Iterable<?> items) {
      List<Object> out = new ArrayList<>();
      items.forEach(v -> out.add(toTree(name, v)));
      return out;
    }
    throw new IllegalArgumentException("Parameter '" + name + "' has unsupported type "
        + value.getClass().getName() + ": use a string, number, boolean, null, list or map");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? deepCopy((Map<String, Object>) m) : v));
    return copy;
  }
}
