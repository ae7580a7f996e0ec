package dev.cairn.plots.render;

import dev.cairn.plots.ChartKind;
import dev.cairn.plots.Plot;
import dev.cairn.plots.Series;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Builds a JFreeChart for a {@link Plot} and writes it as PNG or SVG. Colours follow Vega's
 * default palette (what DVC's HTML shows), one colour per series and one legend entry each.
 * Stateless and thread-safe.
 */
final class ChartRenderer {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Vega's {@code tableau10} palette. */
  static final Color[] PALETTE = {
    new Color(0x4c78a8), new Color(0xf58518), new Color(0xe45756), new Color(0x72b7b2), new Color(0x54a24b),
    new Color(0xeeca3b), new Color(0xb279a2), new Color(0xff9da6), new Color(0x9d755d), new Color(0xbab0ac)
  };

  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Color GRID = new Color(0xe4e4e4);
  private static final BasicStroke GRID_STROKE = new BasicStroke(1f);

  /** Default image size for line, scatter and bar charts. */
  public static final int WIDTH = 800;
  public static final int HEIGHT = 500;

  /** The chart's pixel size: wider for confusion matrices with several revisions. */
  public static int[] size(Plot plot) {
    if (plot.kind().isConfusion()) {
      int panels = Math.max(1, (int) plot.series().stream().map(Series::revision).distinct().count());
      return new int[] {Math.max(WIDTH / 2 + 160, 420 * panels + 160), 520};
    }
    return new int[] {WIDTH, HEIGHT};
  }

  /** Builds the chart. */
  public JFreeChart chart(Plot plot) {
    JFreeChart chart = switch (plot.kind()) {
      case BAR_HORIZONTAL -> bars(plot);
      case CONFUSION, CONFUSION_NORMALIZED -> confusion(plot);
      default -> xy(plot);
    };
    chart.setBackgroundPaint(Color.WHITE);
    chart.setTitle(new TextTitle(plot.title(), TITLE));
    chart.getTitle().setPadding(new RectangleInsets(8, 8, 4, 8));
    chart.setPadding(new RectangleInsets(4, 8, 8, 16));
    LegendTitle legend = chart.getLegend();
    if (legend != null) {
      legend.setItemFont(LABEL);
      legend.setFrame(BlockBorder.NONE);
      legend.setPosition(RectangleEdge.BOTTOM);
      legend.setHorizontalAlignment(HorizontalAlignment.CENTER);
    }
    if (plot.series().isEmpty()) {
      chart.addSubtitle(new TextTitle("No data in any revision", LABEL));
    }
    return chart;
  }

  /** The legend items the chart shows (one per series, in order). */
  public List<String> legend(JFreeChart chart) {
    List<String> out = new ArrayList<>();
    LegendItemCollection items = chart.getPlot().getLegendItems();
    for (int i = 0; items != null && i < items.getItemCount(); i++) {
      out.add(items.get(i).getLabel());
    }
    return out;
  }

  /** PNG bytes of the plot at its default size. */
  public byte[] png(Plot plot) throws IOException {
    int[] s = size(plot);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ChartUtils.writeChartAsPNG(out, chart(plot), s[0], s[1]);
    return out.toByteArray();
  }

  /** A standalone SVG document of the plot at its default size. */
  public String svg(Plot plot) {
    int[] s = size(plot);
    SVGGraphics2D g2 = new SVGGraphics2D(s[0], s[1]);
    chart(plot).draw(g2, new Rectangle(0, 0, s[0], s[1]));
    return g2.getSVGDocument();
  }

  private static Color color(int i) {
    return PALETTE[i % PALETTE.length];
  }

  private static void styleAxis(Axis axis) {
    axis.setLabelFont(LABEL);
    axis.setTickLabelFont(TICK);
    axis.setAxisLinePaint(Color.GRAY);
    axis.setTickMarkPaint(Color.GRAY);
  }

  private JFreeChart xy(Plot plot) {
    XYSeriesCollection data = new XYSeriesCollection();
    boolean integral = true;
    int maxPoints = 0;
    for (Series s : plot.series()) {
      XYSeries xs = new XYSeries(s.name(), false, true);
      for (int i = 0; i < s.size(); i++) {
        double x = (Double) s.xs().get(i);
        integral &= x == Math.rint(x);
        xs.add(x, (Double) s.ys().get(i));
      }
      maxPoints = Math.max(maxPoints, s.size());
      data.addSeries(xs);
    }
    boolean smooth = plot.kind() == ChartKind.SMOOTH;
    boolean scatter = plot.kind() == ChartKind.SCATTER;
    NumberAxis xAxis = new NumberAxis(plot.xLabel());
    xAxis.setAutoRangeIncludesZero(false);
    if (integral && !plot.series().isEmpty()) {
      xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    NumberAxis yAxis = new NumberAxis(plot.yLabel());
    yAxis.setAutoRangeIncludesZero(false);
    widenSingleValue(xAxis, data, true, integral);
    widenSingleValue(yAxis, data, false, false);
    styleAxis(xAxis);
    styleAxis(yAxis);
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(!scatter, scatter || (!smooth && maxPoints <= 40));
    for (int i = 0; i < plot.series().size(); i++) {
      r.setSeriesPaint(i, color(i));
      r.setSeriesStroke(i, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
      r.setSeriesShape(i, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
    }
    XYPlot p = new XYPlot(data, xAxis, yAxis, r);
    if (smooth) {
      XYSeriesCollection raw = new XYSeriesCollection();
      XYLineAndShapeRenderer faint = new XYLineAndShapeRenderer(true, false);
      for (int i = 0; i < data.getSeriesCount(); i++) {
        XYSeries orig = data.getSeries(i);
        XYSeries copy = new XYSeries(orig.getKey() + " (raw)", false, true);
        for (int j = 0; j < orig.getItemCount(); j++) {
          copy.add(orig.getX(j), orig.getY(j));
        }
        raw.addSeries(copy);
        Color c = color(i);
        faint.setSeriesPaint(i, new Color(c.getRed(), c.getGreen(), c.getBlue(), 70));
        faint.setSeriesStroke(i, new BasicStroke(1f));
        faint.setSeriesVisibleInLegend(i, false);
        smoothInPlace(orig);
      }
      p.setDataset(1, raw);
      p.setRenderer(1, faint);
    }
    stylePlot(p);
    return new JFreeChart(null, TITLE, p, true);
  }

  /**
   * When every point has the same x (or y), the axis would span nothing and label each of its ticks
   * with that one value; give it a range around the value instead (a fifth of it, at least 2 for
   * whole numbers, 1 around zero), so its ticks are distinct, readable numbers.
   */
  private static void widenSingleValue(NumberAxis axis, XYSeriesCollection data, boolean domain, boolean integral) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < data.getSeriesCount(); i++) {
      XYSeries s = data.getSeries(i);
      for (int j = 0; j < s.getItemCount(); j++) {
        double v = (domain ? s.getX(j) : s.getY(j)).doubleValue();
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min > max || max - min > Math.ulp(max) * 4) {
      return;
    }
    double span = min == 0 ? 1 : Math.abs(min) / 5;
    if (integral) {
      span = Math.max(2, span);
    }
    axis.setAutoRangeMinimumSize(span);
  }

  /** Replaces the series' y values by a centred moving average over about a tenth of the points. */
  private static void smoothInPlace(XYSeries s) {
    int n = s.getItemCount();
    int half = Math.max(1, n / 20);
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      ys[i] = s.getY(i).doubleValue();
    }
    for (int i = 0; i < n; i++) {
      double sum = 0;
      int c = 0;
      for (int j = Math.max(0, i - half); j <= Math.min(n - 1, i + half); j++) {
        sum += ys[j];
        c++;
      }
      s.updateByIndex(i, sum / c);
    }
  }

  private static void stylePlot(XYPlot p) {
    p.setBackgroundPaint(Color.WHITE);
    p.setDomainGridlinePaint(GRID);
    p.setRangeGridlinePaint(GRID);
    p.setDomainGridlineStroke(GRID_STROKE);
    p.setRangeGridlineStroke(GRID_STROKE);
    p.setOutlineVisible(false);
    p.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
  }

  private JFreeChart bars(Plot plot) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (Series s : plot.series()) {
      for (int i = 0; i < s.size(); i++) {
        data.addValue((Double) s.xs().get(i), s.name(), (String) s.ys().get(i));
      }
    }
    CategoryAxis cat = new CategoryAxis(plot.yLabel());
    NumberAxis val = new NumberAxis(plot.xLabel());
    styleAxis(cat);
    styleAxis(val);
    BarRenderer r = new BarRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0.05);
    for (int i = 0; i < plot.series().size(); i++) {
      r.setSeriesPaint(i, color(i));
    }
    CategoryPlot p = new CategoryPlot(data, cat, val, r);
    p.setOrientation(PlotOrientation.HORIZONTAL);
    p.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    p.setBackgroundPaint(Color.WHITE);
    p.setRangeGridlinePaint(GRID);
    p.setRangeGridlineStroke(GRID_STROKE);
    p.setOutlineVisible(false);
    return new JFreeChart(null, TITLE, p, true);
  }

  private JFreeChart confusion(Plot plot) {
    boolean normalized = plot.kind() == ChartKind.CONFUSION_NORMALIZED;
    TreeSet<String> labelSet = new TreeSet<>(ChartRenderer::compareLabels);
    Map<String, List<Series>> byRev = new LinkedHashMap<>();
    for (Series s : plot.series()) {
      s.xs().forEach(x -> labelSet.add((String) x));
      s.ys().forEach(y -> labelSet.add((String) y));
      byRev.computeIfAbsent(s.revision(), k -> new ArrayList<>()).add(s);
    }
    String[] labels = labelSet.toArray(new String[0]);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < labels.length; i++) {
      index.put(labels[i], i);
    }
    SymbolAxis yAxis = new SymbolAxis(plot.yLabel(), labels);
    yAxis.setInverted(true);
    yAxis.setGridBandsVisible(false);
    styleAxis(yAxis);
    CombinedRangeXYPlot combined = new CombinedRangeXYPlot(yAxis);
    combined.setGap(24);
    List<double[][]> cells = new ArrayList<>();
    double max = 0;
    for (List<Series> group : byRev.values()) {
      double[][] m = new double[labels.length][labels.length];
      for (Series s : group) {
        for (int i = 0; i < s.size(); i++) {
          m[index.get((String) s.xs().get(i))][index.get((String) s.ys().get(i))]++;
        }
      }
      if (normalized) {
        for (double[] row : m) {
          double sum = 0;
          for (double v : row) {
            sum += v;
          }
          for (int j = 0; j < row.length && sum > 0; j++) {
            row[j] /= sum;
          }
        }
      }
      for (double[] row : m) {
        for (double v : row) {
          max = Math.max(max, v);
        }
      }
      cells.add(m);
    }
    double top = normalized ? 1.0 : Math.max(1, max);
    PaintScale scale = new BluesScale(top);
    int panel = 0;
    for (Map.Entry<String, List<Series>> e : byRev.entrySet()) {
      double[][] m = cells.get(panel++);
      int n = labels.length * labels.length;
      double[][] xyz = new double[3][n];
      int k = 0;
      for (int a = 0; a < labels.length; a++) {
        for (int b = 0; b < labels.length; b++) {
          xyz[0][k] = a;
          xyz[1][k] = b;
          xyz[2][k] = m[a][b];
          k++;
        }
      }
      DefaultXYZDataset data = new DefaultXYZDataset();
      data.addSeries(e.getKey(), xyz);
      SymbolAxis xAxis = new SymbolAxis(byRev.size() > 1 || !e.getKey().isEmpty()
          ? plot.xLabel() + " — " + e.getKey() : plot.xLabel(), labels);
      xAxis.setGridBandsVisible(false);
      styleAxis(xAxis);
      XYBlockRenderer r = new XYBlockRenderer();
      r.setPaintScale(scale);
      XYPlot p = new XYPlot(data, xAxis, null, r);
      p.setBackgroundPaint(Color.WHITE);
      p.setDomainGridlinesVisible(false);
      p.setRangeGridlinesVisible(false);
      p.setOutlineVisible(false);
      Font cellFont = new Font(Font.SANS_SERIF, Font.BOLD, labels.length > 8 ? 10 : 14);
      for (int a = 0; a < labels.length; a++) {
        for (int b = 0; b < labels.length; b++) {
          double v = m[a][b];
          String text = normalized ? String.format(Locale.ROOT, "%.2f", v) : Long.toString(Math.round(v));
          XYTextAnnotation t = new XYTextAnnotation(text, a, b);
          t.setFont(cellFont);
          t.setTextAnchor(TextAnchor.CENTER);
          t.setPaint(v / top > 0.55 ? Color.WHITE : new Color(0x222222));
          p.addAnnotation(t);
        }
      }
      combined.add(p, 1);
    }
    JFreeChart chart = new JFreeChart(null, TITLE, combined, false);
    NumberAxis scaleAxis = new NumberAxis(normalized ? "share of actual" : "count");
    scaleAxis.setRange(0, top);
    styleAxis(scaleAxis);
    if (!normalized) {
      scaleAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    }
    PaintScaleLegend psl = new PaintScaleLegend(scale, scaleAxis);
    psl.setPosition(RectangleEdge.RIGHT);
    psl.setMargin(new RectangleInsets(24, 12, 48, 4));
    psl.setStripWidth(14);
    chart.addSubtitle(psl);
    return chart;
  }

  /** Numbers in numeric order before other labels, which sort as text. */
  static int compareLabels(String a, String b) {
    Double x = parse(a);
    Double y = parse(b);
    if (x != null && y != null) {
      int c = Double.compare(x, y);
      return c != 0 ? c : a.compareTo(b);
    }
    if (x != null) {
      return -1;
    }
    if (y != null) {
      return 1;
    }
    return a.compareTo(b);
  }

  private static Double parse(String s) {
    try {
      return Double.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** White to Vega's "blues" dark end. */
  static final class BluesScale implements PaintScale {
    private final double upper;
    private static final Color LOW = new Color(0xf7fbff);
    private static final Color HIGH = new Color(0x08306b);

    BluesScale(double upper) {
      this.upper = upper;
    }

    @Override
    public double getLowerBound() {
      return 0;
    }

    @Override
    public double getUpperBound() {
      return upper;
    }

    @Override
    public Paint getPaint(double value) {
      double t = Math.max(0, Math.min(1, value / upper));
      return new Color(mix(LOW.getRed(), HIGH.getRed(), t), mix(LOW.getGreen(), HIGH.getGreen(), t),
          mix(LOW.getBlue(), HIGH.getBlue(), t));
    }

    private static int mix(int a, int b, double t) {
      return (int) Math.round(a + (b - a) * t);
    }
  }
}
