package dev.cairn.cli;

import dev.cairn.api.Cairn;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn plots modify}: DVC's {@code plots modify}. */
@Command(name = "modify", description = {
    "Set or unset the display properties of a plot output of a dvc.yaml stage, as DVC's plots modify does: the"
        + " output moves to the stage's plots list unless it is there, the properties are written in DVC's order"
        + " (template, x, y, x_label, y_label, title, header) and dvc.lock is not touched."})
final class PlotsModifyCmd extends BaseCommand {
  @Parameters(index = "0", paramLabel = "<target>", description = "The plot output (a path, relative to the current"
      + " directory) of a dvc.yaml stage.")
  String target;

  @Option(names = {"-t", "--template"}, paramLabel = "<path>", description = "A built-in template (linear, simple,"
      + " scatter, scatter_jitter, smooth, confusion, confusion_normalized, bar_horizontal, bar_horizontal_sorted), a"
      + " file under .dvc/plots/ or a file path.")
  String template;

  @Option(names = "-x", paramLabel = "<field>", description = "Field name for the X axis.")
  String x;

  @Option(names = "-y", paramLabel = "<field>", description = "Field name for the Y axis.")
  String y;

  @Option(names = "--no-header", description = "The data file (CSV/TSV) has no header row.")
  boolean noHeader;

  @Option(names = "--title", paramLabel = "<text>", description = "Plot title.")
  String title;

  @Option(names = "--x-label", paramLabel = "<text>", description = "X axis label.")
  String xLabel;

  @Option(names = "--y-label", paramLabel = "<text>", description = "Y axis label.")
  String yLabel;

  @Option(names = "--unset", arity = "0..*", paramLabel = "<property>", description = "Unset these display"
      + " properties (the output must be a plot already).")
  List<String> unset;

  @Override
  int doCall() throws Exception {
    try (Cairn c = open()) {
      c.plotsModify().setWorkingDirectory(workDir()).setTarget(target).setUnset(unset)
          .setProp("template", template).setProp("x", x).setProp("y", y).setProp("x_label", xLabel)
          .setProp("y_label", yLabel).setProp("title", title).setProp("header", noHeader ? Boolean.FALSE : null)
          .call();
    }
    return 0;
  }
}
