package dev.cairn.plots.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.plots.ChartKind;
import dev.cairn.plots.Plot;
import dev.cairn.plots.Series;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.Tick;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Axis ticks as a reader sees them. */
class ChartRendererTest {
  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  /** The labels of the ticks an axis draws, after the chart was laid out at its default size. */
  private static List<String> tickLabels(JFreeChart chart, boolean range) {
    BufferedImage img = new BufferedImage(ChartRenderer.WIDTH, ChartRenderer.HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g2 = img.createGraphics();
    org.jfree.chart.ChartRenderingInfo info = new org.jfree.chart.ChartRenderingInfo();
    chart.draw(g2, new Rectangle2D.Double(0, 0, ChartRenderer.WIDTH, ChartRenderer.HEIGHT), info);
    XYPlot p = chart.getXYPlot();
    NumberAxis axis = (NumberAxis) (range ? p.getRangeAxis() : p.getDomainAxis());
    Rectangle2D area = info.getPlotInfo().getDataArea();
    List<String> out = new ArrayList<>();
    for (Object t : axis.refreshTicks(g2, new org.jfree.chart.axis.AxisState(), area,
        range ? RectangleEdge.LEFT : RectangleEdge.BOTTOM)) {
      if (t instanceof NumberTick nt && !nt.getText().isEmpty()) {
        out.add(((Tick) nt).getText());
      }
    }
    g2.dispose();
    return out;
  }

  @Test
  void aOnePointPlotHasDistinctReadableTicks() {
    Plot one = new Plot("acc.json", ChartKind.LINE, "acc.json", "step", "acc",
        List.of(new Series("workspace", "workspace", "acc.json", "acc", List.of(0.0), List.of(0.559375))),
        List.of("workspace"));
    JFreeChart chart = new ChartRenderer().chart(one);
    for (boolean range : List.of(true, false)) {
      List<String> labels = tickLabels(chart, range);
      assertThat(labels).as(range ? "y" : "x").hasSizeGreaterThan(1);
      Set<String> distinct = new HashSet<>(labels);
      assertThat(distinct).as("every tick its own value: " + labels).hasSameSizeAs(labels);
      assertThat(labels).as("no scientific notation: " + labels).noneMatch(l -> l.contains("E"));
    }
    assertThat(chart.getXYPlot().getRangeAxis().getRange().contains(0.559375)).isTrue();
  }
}
