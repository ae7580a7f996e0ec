package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.exp.ExpDiff;
import dev.cairn.metrics.MetricsFormat;
import dev.cairn.metrics.TextTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "diff", description = "Compare the metrics and params of two experiments or revisions"
    + " (default: HEAD and the workspace).")
final class ExpDiffCmd extends BaseCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<a>", description =
      "Old experiment or revision (default HEAD).")
  String a;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<b>", description = "New experiment or revision"
      + " (default: the workspace).")
  String b;

  @Option(names = "--all", description = "Show unchanged values too.")
  boolean all;

  @Option(names = "--json", description = "Print JSON {\"metrics\": ..., \"params\": ...}.")
  boolean json;

  @Option(names = "--md", description = "Print Markdown tables.")
  boolean md;

  @Option(names = "--no-path", description = "Hide the Path column.")
  boolean noPath;

  @Option(names = "--precision", paramLabel = "<n>", description = "Significant digits of metric values and changes (default 5), as DVC's exp diff prints them.")
  Integer precision;

  @Override
  int doCall() throws Exception {
    try (Cairn c = open()) {
      var cmd = c.expDiff().setAll(all);
      if (a != null) {
        cmd.setOld(a);
      }
      if (b != null) {
        cmd.setNew(b);
      }
      ExpDiff d = cmd.call();
      if (json) {
        out().print(d.json(false));
      } else {
        TextTable m = d.metricsTable(noPath, MetricsFormat.effectivePrecision(precision));
        TextTable p = d.paramsTable(noPath);
        out().print(md ? m.markdown() : m.plain());
        out().print("\n");
        out().print(md ? p.markdown() : p.plain());
      }
      if (!d.erroredRevisions().isEmpty()) {
        err().println("WARNING: " + MetricsFormat.erroredRevisionsMessage("metrics", d.erroredRevisions()));
      }
    }
    return 0;
  }
}
