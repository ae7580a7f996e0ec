package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.plots.PlotDefinitions;
import dev.cairn.plots.PlotsQueries;
import dev.cairn.plots.PlotsResult;
import dev.cairn.plots.render.PlotsWriter;
import dev.cairn.revision.Revisions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plots show|diff}: renders plots to PNG and SVG plus one HTML page. */
@Command(name = "plots", description = "Render plots (dvc.yaml plots and plot outputs) to PNG, SVG and an HTML page.",
    subcommands = {PlotsCmd.Show.class, PlotsCmd.Diff.class, PlotsModifyCmd.class})
final class PlotsCmd extends GroupCommand {
  abstract static class Render extends BaseCommand {
    @Option(names = {"-o", "--out"}, paramLabel = "<dir>", description = "Where to write the images (default dvc_plots).")
    String out = "dvc_plots";

    int write(PlotsResult r, String title) throws Exception {
      Path dir = resolve(out);
      System.setProperty("java.awt.headless", "true");
      PlotsWriter.Output o = new PlotsWriter().write(r, dir, title);
      for (PlotsWriter.RenderedPlot p : o.plots()) {
        p.files().forEach(out()::println);
      }
      r.errors().forEach(e -> err().println("WARNING: " + e.describe()));
      info("file://" + o.html());
      return 0;
    }
  }

  @Command(name = "show", description = "Render the workspace's plots.")
  static final class Show extends Render {
    @Parameters(arity = "0..*", paramLabel = "<target>")
    List<String> targets = new ArrayList<>();

    @Override
    int doCall() throws Exception {
      try (Cairn c = open(); Revisions revs = Revisions.open(c.repo())) {
        return write(new PlotsQueries(revs, PlotDefinitions::fromDvcYaml).show(targets), "Plots");
      }
    }
  }

  @Command(name = "diff", description = "Render plots of several revisions overlaid (default: workspace vs HEAD).")
  static final class Diff extends Render {
    @Parameters(arity = "0..*", paramLabel = "<rev>")
    List<String> revs = new ArrayList<>();

    @Option(names = "--targets", arity = "1..*", paramLabel = "<target>")
    List<String> targets = new ArrayList<>();

    @Override
    int doCall() throws Exception {
      try (Cairn c = open(); Revisions r = Revisions.open(c.repo())) {
        return write(new PlotsQueries(r, PlotDefinitions::fromDvcYaml).diff(revs, targets), "Plots diff");
      }
    }
  }
}
