package dev.cairn.plots.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.plots.ChartKind;
import dev.cairn.plots.Plot;
import dev.cairn.plots.PlotDefinitions;
import dev.cairn.plots.PlotsCollector;
import dev.cairn.plots.PlotsResult;
import dev.cairn.revision.RevisionFiles;
import dev.cairn.revision.WorkspaceFiles;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a DVCLive-style project in two revisions to PNG/SVG/HTML and checks the images as a
 * reader would: size, real content, one legend entry per revision. The images are also left in
 * {@code target/plots-preview} for a person to look at.
 */
class PlotsWriterTest {
  @TempDir static Path main;
  @TempDir static Path ws;
  static PlotsResult result;
  static PlotsWriter.Output output;

  private static void write(Path root, String path, String text) throws Exception {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  private static void project(Path root, double quality, int seed) throws Exception {
    write(root, "dvc.yaml", "plots:\n"
        + "- dvclive/plots/metrics:\n    x: step\n"
        + "- dvclive/plots/sklearn/roc.json:\n    template: simple\n    x: fpr\n    y: tpr\n"
        + "    title: Receiver operating characteristic (ROC)\n    x_label: False Positive Rate\n"
        + "    y_label: True Positive Rate\n"
        + "- dvclive/plots/sklearn/precision_recall.json:\n    template: simple\n    x: recall\n    y: precision\n"
        + "    title: Precision-Recall Curve\n    x_label: Recall\n    y_label: Precision\n"
        + "- dvclive/plots/sklearn/confusion_matrix.json:\n    template: confusion\n    x: actual\n"
        + "    y: predicted\n    title: Confusion Matrix\n    x_label: True Label\n    y_label: Predicted Label\n"
        + "- cm_normalized:\n    template: confusion_normalized\n    x: actual\n    y:\n"
        + "      dvclive/plots/sklearn/confusion_matrix.json: predicted\n    title: Confusion Matrix (normalised)\n"
        + "- importance.csv:\n    template: bar_horizontal\n    x: importance\n    y: feature\n    title: Feature importance\n"
        + "- residuals.csv:\n    template: scatter\n    x: predicted\n    y: residual\n"
        + "- loss.tsv:\n    template: smooth\n    header: false\n    x: '0'\n    y: '1'\n    title: Training loss\n");
    StringBuilder acc = new StringBuilder("timestamp\tstep\tacc\n");
    for (int i = 0; i < 20; i++) {
      acc.append(1700000000000L + i).append('\t').append(i).append('\t')
          .append(quality * (1 - Math.exp(-i / 4.0))).append('\n');
    }
    write(root, "dvclive/plots/metrics/acc.tsv", acc.toString());
    StringBuilder roc = new StringBuilder("{\"roc\": [");
    StringBuilder pr = new StringBuilder("{\"precision_recall\": [");
    for (int i = 0; i <= 10; i++) {
      double f = i / 10.0;
      roc.append(i > 0 ? ", " : "").append("{\"fpr\": ").append(f).append(", \"tpr\": ")
          .append(Math.pow(f, 1 - quality)).append(", \"threshold\": ").append(1 - f).append('}');
      pr.append(i > 0 ? ", " : "").append("{\"precision\": ").append(1 - (1 - quality) * f).append(", \"recall\": ")
          .append(f).append(", \"threshold\": ").append(1 - f).append('}');
    }
    write(root, "dvclive/plots/sklearn/roc.json", roc.append("]}").toString());
    write(root, "dvclive/plots/sklearn/precision_recall.json", pr.append("]}").toString());
    StringBuilder cm = new StringBuilder("[");
    java.util.Random rnd = new java.util.Random(seed);
    for (int i = 0; i < 300; i++) {
      int actual = rnd.nextInt(4) + 4;
      int predicted = rnd.nextDouble() < quality ? actual : rnd.nextInt(4) + 4;
      cm.append(i > 0 ? ", " : "").append("{\"actual\": \"").append(actual).append("\", \"predicted\": \"")
          .append(predicted).append("\"}");
    }
    write(root, "dvclive/plots/sklearn/confusion_matrix.json", cm.append(']').toString());
    write(root, "importance.csv", "feature,importance\nalcohol," + (0.3 * quality) + "\nsulphates,0.2\n"
        + "volatile acidity,0.15\ncitric acid,0.05\n");
    StringBuilder res = new StringBuilder("predicted,residual\n");
    for (int i = 0; i < 60; i++) {
      res.append(3 + rnd.nextDouble() * 5).append(',').append((rnd.nextGaussian()) * (1.2 - quality)).append('\n');
    }
    write(root, "residuals.csv", res.toString());
    StringBuilder loss = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      loss.append(i).append('\t').append(Math.exp(-i / (30.0 * quality)) + rnd.nextDouble() * 0.1).append('\n');
    }
    write(root, "loss.tsv", loss.toString());
  }

  @BeforeAll
  static void render() throws Exception {
    project(main, 0.7, 1);
    project(ws, 0.85, 2);
    Map<String, RevisionFiles> revs = new LinkedHashMap<>();
    revs.put("workspace", new WorkspaceFiles(ws));
    revs.put("main", new WorkspaceFiles(main));
    result = PlotsCollector.collect(revs, PlotDefinitions::fromDvcYaml, List.of());
    Path out = Path.of("target", "plots-preview");
    output = new PlotsWriter().write(result, out, "Cairn plots: workspace vs main");
  }

  @Test
  void everyKindIsCollectedWithoutErrors() {
    assertThat(result.errors()).isEmpty();
    assertThat(result.plots()).extracting(Plot::kind).containsExactly(ChartKind.LINE, ChartKind.LINE,
        ChartKind.LINE, ChartKind.CONFUSION, ChartKind.CONFUSION_NORMALIZED, ChartKind.BAR_HORIZONTAL,
        ChartKind.SCATTER, ChartKind.SMOOTH);
  }

  @Test
  void pngsHaveTheRightSizeAndRealContent() throws Exception {
    assertThat(output.plots()).hasSize(8);
    for (PlotsWriter.RenderedPlot r : output.plots()) {
      BufferedImage img = ImageIO.read(r.png().toFile());
      int[] size = ChartRenderer.size(r.plot());
      assertThat(img.getWidth()).as(r.plot().id()).isEqualTo(size[0]);
      assertThat(img.getHeight()).isEqualTo(size[1]);
      Set<Integer> colours = new HashSet<>();
      long nonWhite = 0;
      for (int y = 0; y < img.getHeight(); y += 2) {
        for (int x = 0; x < img.getWidth(); x += 2) {
          int rgb = img.getRGB(x, y) & 0xffffff;
          colours.add(rgb);
          if (rgb != 0xffffff) {
            nonWhite++;
          }
        }
      }
      assertThat(colours.size()).as("distinct colours in " + r.plot().id()).isGreaterThan(20);
      assertThat(nonWhite).as("inked pixels in " + r.plot().id()).isGreaterThan(2000);
    }
  }

  @Test
  void oneLegendEntryPerRevisionInItsColour() throws Exception {
    ChartRenderer renderer = new ChartRenderer();
    for (Plot p : result.plots()) {
      if (!p.kind().isConfusion()) {
        assertThat(renderer.legend(renderer.chart(p))).as(p.id()).containsExactly("workspace", "main");
      }
    }
    BufferedImage acc = ImageIO.read(output.plots().get(0).png().toFile());
    assertThat(countColour(acc, ChartRenderer.PALETTE[0].getRGB())).isGreaterThan(300);
    assertThat(countColour(acc, ChartRenderer.PALETTE[1].getRGB())).isGreaterThan(300);
  }

  private static int countColour(BufferedImage img, int rgb) {
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff)) {
          n++;
        }
      }
    }
    return n;
  }

  @Test
  void svgAndHtmlAreSelfContained() throws Exception {
    String svg = Files.readString(output.plots().get(1).svg());
    assertThat(svg).contains("<svg").contains("Receiver operating characteristic (ROC)").contains("workspace");
    for (PlotsWriter.RenderedPlot r : output.plots()) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      assertThat(f.newDocumentBuilder().parse(r.svg().toFile()).getDocumentElement().getLocalName()).isEqualTo("svg");
    }
    String html = Files.readString(output.html());
    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("<script").doesNotContain("http://cdn")
        .contains("data:image/svg+xml;base64,");
    assertThat(html.split("<img ", -1)).hasSize(9);
  }

  @Test
  void errorsAreListedUnderTheirPlotAndEmptyPlotsStillRender(@TempDir Path out) throws Exception {
    Map<String, RevisionFiles> revs = new LinkedHashMap<>();
    revs.put("workspace", new WorkspaceFiles(ws));
    revs.put("old", RevisionFiles.EMPTY);
    PlotsResult r = PlotsCollector.collect(revs, f -> List.of(), List.of("residuals.csv", "missing.json"));
    assertThat(r.errors()).extracting(e -> e.revision() + " " + e.file()).containsExactly(
        "old residuals.csv", "workspace missing.json", "old missing.json");
    PlotsWriter.Output o = new PlotsWriter().write(r, out, "t <&>");
    String html = Files.readString(o.html());
    assertThat(html).contains("<title>t &lt;&amp;&gt;</title>")
        .contains("old: residuals.csv: FileNotFoundError: [Errno 2] No such file or directory: &#39;residuals.csv&#39;");
    assertThat(ImageIO.read(o.plots().get(1).png().toFile()).getWidth()).isEqualTo(ChartRenderer.WIDTH);
  }
}
