package dev.cairn.report;

import dev.cairn.errors.CairnException;
import dev.cairn.format.StructuredFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parses {@code cairn.yaml} strictly: unknown keys and bad values are errors naming the key. */
final class CairnYamlParser {
  private static final Set<String> TOP = Set.of("gates", "report", "ci", "executors");
  private static final Set<String> REPORT = Set.of("base", "tests", "title");
  private static final Set<String> CI = Set.of("test_command", "matrix");

  private CairnYamlParser() {}

  static CairnYaml load(Path file) throws CairnException {
    if (!Files.isRegularFile(file)) {
      return CairnYaml.empty();
    }
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CairnException.failed("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(text, CairnYaml.FILE_NAME);
  }

  static CairnYaml parse(String text, String label) throws CairnException {
    Object doc;
    try {
      doc = StructuredFiles.parseYaml(text, label);
    } catch (StructuredFiles.ParseException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
    if (doc == null) {
      return CairnYaml.empty();
    }
    Map<?, ?> top = map(doc, label, "", "the top level");
    checkKeys(top, TOP, label, "");
    List<Gate> gates = top.containsKey("gates") ? gates(top.get("gates"), label) : List.of();
    CairnYaml.ReportSettings report = CairnYaml.ReportSettings.defaults();
    if (top.containsKey("report")) {
      Map<?, ?> r = map(top.get("report"), label, "report", "report");
      checkKeys(r, REPORT, label, "report.");
      report = new CairnYaml.ReportSettings(string(r, "base", label, "report.base"), tests(r.get("tests"), label),
          string(r, "title", label, "report.title"));
    }
    String testCommand = CairnYaml.CiSettings.DEFAULT_TEST_COMMAND;
    Map<String, List<String>> matrix = Map.of();
    if (top.containsKey("ci")) {
      Map<?, ?> c = map(top.get("ci"), label, "ci", "ci");
      checkKeys(c, CI, label, "ci.");
      if (c.containsKey("test_command")) {
        testCommand = string(c, "test_command", label, "ci.test_command");
      }
      if (c.containsKey("matrix")) {
        matrix = matrix(c.get("matrix"), label);
      }
    }
    // the executors section belongs to the experiment queue (dev.cairn.queue); checked here too, so that
    // every command reading cairn.yaml reports a bad key the same way
    dev.cairn.queue.ExecutorConfig.parse(top.get("executors"), label);
    return new CairnYaml(gates, report, new CairnYaml.CiSettings(testCommand, matrix));
  }

  private static List<Gate> gates(Object node, String label) throws CairnException {
    List<Gate> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    Map<?, ?> gates = map(node, label, "gates", "gates");
    for (Map.Entry<?, ?> e : gates.entrySet()) {
      String metric = String.valueOf(e.getKey()).strip();
      String key = "gates." + metric;
      if (metric.isEmpty()) {
        throw bad(label, "gates", "empty metric name");
      }
      int colon = metric.lastIndexOf(':');
      String file = colon < 0 ? "" : metric.substring(0, colon).strip();
      String name = colon < 0 ? metric : metric.substring(colon + 1).strip();
      if (name.isEmpty() || (colon >= 0 && file.isEmpty())) {
        throw bad(label, key, "expected a metric name or file:name");
      }
      Map<?, ?> rules = map(e.getValue(), label, key, key);
      if (rules.isEmpty()) {
        throw bad(label, key, "no bound given (min, max, max_drop or max_increase)");
      }
      for (Map.Entry<?, ?> r : rules.entrySet()) {
        String rk = String.valueOf(r.getKey());
        Gate.Rule rule = Gate.Rule.ofKey(rk);
        if (rule == null) {
          throw bad(label, key + "." + rk, "unknown bound (expected min, max, max_drop or max_increase)");
        }
        out.add(gate(file, name, rule, r.getValue(), label, key + "." + rk));
      }
    }
    return out;
  }

  private static Gate gate(String file, String name, Gate.Rule rule, Object value, String label, String key)
      throws CairnException {
    if (value instanceof Number n && !(value instanceof Boolean)) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        throw bad(label, key, "expected a finite number, found " + value);
      }
      if (rule.needsBase() && d < 0) {
        throw bad(label, key, "expected an amount of 0 or more, found " + value);
      }
      return new Gate(file, name, rule, d, false, Numbers.format(d));
    }
    if (value instanceof String s && s.strip().endsWith("%")) {
      if (!rule.needsBase()) {
        throw bad(label, key, "a percentage is only allowed for max_drop and max_increase, found '" + s + "'");
      }
      String num = s.strip();
      num = num.substring(0, num.length() - 1).strip();
      double d;
      try {
        d = Double.parseDouble(num);
      } catch (NumberFormatException ex) {
        throw bad(label, key, "expected a number or a percentage such as 5%, found '" + s + "'");
      }
      if (!Double.isFinite(d) || d < 0) {
        throw bad(label, key, "expected a percentage of 0 or more, found '" + s + "'");
      }
      return new Gate(file, name, rule, d / 100.0, true, Numbers.format(d) + "%");
    }
    throw bad(label, key, "expected a number" + (rule.needsBase() ? " or a percentage such as 5%" : "")
        + ", found " + describe(value));
  }

  /** {@code ci.matrix}: param override key → the values to try, as {@code -S} writes them. */
  private static Map<String, List<String>> matrix(Object node, String label) throws CairnException {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    if (node == null) {
      return out;
    }
    Map<?, ?> m = map(node, label, "ci.matrix", "ci.matrix");
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String key = String.valueOf(e.getKey()).strip();
      String where = "ci.matrix." + key;
      if (key.isEmpty() || !key.matches("([A-Za-z0-9_./-]+:)?[A-Za-z0-9_.\\[\\]-]+")) {
        throw bad(label, where, "expected a param name such as train.C (or file.yaml:train.C)");
      }
      if (!(e.getValue() instanceof List<?> l) || l.isEmpty()) {
        throw bad(label, where, "expected a non-empty list of values, found " + describe(e.getValue()));
      }
      List<String> values = new ArrayList<>();
      for (Object v : l) {
        if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
          throw bad(label, where, "expected values that are numbers, strings or booleans, found " + describe(v));
        }
        values.add(String.valueOf(v));
      }
      out.put(key, values);
    }
    if (out.values().stream().mapToLong(List::size).reduce(1, (a, b) -> a * b) > 256) {
      throw bad(label, "ci.matrix", "the grid has more than 256 combinations (GitHub runs at most 256 jobs per matrix)");
    }
    return out;
  }

  private static List<String> tests(Object node, String label) throws CairnException {
    if (node == null) {
      return List.of();
    }
    if (node instanceof String s) {
      return List.of(s);
    }
    if (node instanceof List<?> l) {
      List<String> out = new ArrayList<>();
      for (Object o : l) {
        if (!(o instanceof String s)) {
          throw bad(label, "report.tests", "expected directory names, found " + describe(o));
        }
        out.add(s);
      }
      return out;
    }
    throw bad(label, "report.tests", "expected a directory or a list of directories, found " + describe(node));
  }

  private static String string(Map<?, ?> m, String k, String label, String key) throws CairnException {
    Object v = m.get(k);
    if (v == null) {
      return "";
    }
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof Number || v instanceof Boolean) {
      return String.valueOf(v);
    }
    throw bad(label, key, "expected a string, found " + describe(v));
  }

  private static Map<?, ?> map(Object node, String label, String key, String what) throws CairnException {
    if (node instanceof Map<?, ?> m) {
      return m;
    }
    throw bad(label, key, "expected a mapping for " + what + ", found " + describe(node));
  }

  private static void checkKeys(Map<?, ?> m, Set<String> allowed, String label, String prefix) throws CairnException {
    for (Object k : m.keySet()) {
      if (!allowed.contains(String.valueOf(k))) {
        throw bad(label, prefix + k, "unknown key (expected one of " + String.join(", ", allowed.stream().sorted().toList())
            + ")");
      }
    }
  }

  private static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof Map) {
      return "a mapping";
    }
    if (v instanceof List) {
      return "a list";
    }
    return v instanceof String ? "'" + v + "'" : String.valueOf(v);
  }

  private static CairnException bad(String label, String key, String problem) {
    return CairnException.invalidInput(label + ": " + (key.isEmpty() ? "" : key + ": ") + problem);
  }
}
