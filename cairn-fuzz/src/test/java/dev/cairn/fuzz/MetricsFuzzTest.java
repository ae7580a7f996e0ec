package dev.cairn.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.format.StructuredFiles;
import dev.cairn.metrics.Flatten;
import dev.cairn.plots.PlotDataReader;
import java.util.Map;

/**
 * Metrics, params and plot files: the first byte picks the format (YAML, JSON, TOML, CSV, TSV), the
 * rest is the file. Structured files give a value (flattened as {@code metrics show} does) or
 * {@link StructuredFiles.ParseException}; delimited files always give rows.
 */
class MetricsFuzzTest {
  private static final String[] NAMES = {"metrics.yaml", "metrics.json", "params.toml", "plot.csv", "plot.tsv"};

  @FuzzTest(maxDuration = Fuzz.DURATION)
  void metrics(byte[] input) {
    check(input);
  }

  /** The property, also run by {@link ParsersFuzzTest}. */
  static void check(byte[] input) {
    if (input.length == 0) {
      return;
    }
    String name = NAMES[(input[0] & 0xff) % NAMES.length];
    String text = Fuzz.text(java.util.Arrays.copyOfRange(input, 1, input.length));
    if (name.endsWith(".csv") || name.endsWith(".tsv")) {
      var rows = PlotDataReader.parseDelimited(text, name.endsWith(".tsv") ? '\t' : ',', (input[0] & 0x80) == 0);
      PlotDataReader.datapoints(rows);
      return;
    }
    Object v;
    try {
      v = StructuredFiles.parse(text, name, name);
    } catch (StructuredFiles.ParseException e) {
      Fuzz.checkMessage(e);
      return;
    }
    if (v instanceof Map<?, ?> m) {
      Flatten.flatten(m);
    }
    Flatten.formatLists(v);
    PlotDataReader.datapoints(v);
  }
}
