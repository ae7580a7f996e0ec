package dev.cairn.plots;

import dev.cairn.revision.DvcYamlScan;
import dev.cairn.revision.RevisionFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads plot definitions from a revision's {@code dvc.yaml} files: top-level {@code plots} (a path,
 * or {@code {id: props}}) and stage outputs under {@code plots:}. Data paths are made repo-relative
 * (joined with the {@code dvc.yaml} directory or the stage's {@code wdir}); a directory becomes one
 * plot per file inside it. Files that DVCLive writes get DVCLive's titles, axes and templates when
 * the definition gives none ({@link #withDvcLiveDefaults}).
 */
public final class PlotDefinitions {
  private PlotDefinitions() {}

  /** Plot definitions of one revision; the full pipeline parser can stand in for {@link #fromDvcYaml}. */
  @FunctionalInterface
  public interface Locator {
    List<PlotDefinition> locate(RevisionFiles files) throws IOException;
  }

  /** The definitions in the revision's {@code dvc.yaml} files, directories expanded. */
  public static List<PlotDefinition> fromDvcYaml(RevisionFiles files) throws IOException {
    List<PlotDefinition> out = new ArrayList<>();
    for (DvcYamlScan.DvcYaml y : DvcYamlScan.loadAll(files)) {
      if (y.content().get("plots") instanceof List<?> plots) {
        for (Object p : plots) {
          if (p instanceof String s) {
            addExpanded(out, files, fromProps(y.dir(), s, null));
          } else if (p instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
              PlotDefinition d = fromProps(y.dir(), String.valueOf(e.getKey()), e.getValue());
              if (d.y() instanceof Map) {
                out.add(d);
              } else {
                addExpanded(out, files, d);
              }
            }
          }
        }
      }
      for (Map<?, ?> stage : DvcYamlScan.stages(y).values()) {
        String wdir = DvcYamlScan.wdir(y, stage);
        DvcYamlScan.outEntries(stage.get("plots")).forEach((path, props) ->
            addExpandedUnchecked(out, files, fromProps(wdir, path, props)));
      }
    }
    return out;
  }

  private static void addExpandedUnchecked(List<PlotDefinition> out, RevisionFiles files, PlotDefinition d) {
    try {
      addExpanded(out, files, d);
    } catch (IOException e) {
      out.add(d);
    }
  }

  private static void addExpanded(List<PlotDefinition> out, RevisionFiles files, PlotDefinition d)
      throws IOException {
    List<String> inside = files.list(d.id());
    if (inside.isEmpty()) {
      out.add(withDvcLiveDefaults(d));
      return;
    }
    for (String f : inside) {
      out.add(withDvcLiveDefaults(new PlotDefinition(f, List.of(f), d.x(), d.y(), d.template(), d.title(),
          d.xLabel(), d.yLabel(), d.header())));
    }
  }

  /** A definition from {@code id} and its props map (or null), paths relative to {@code dir}. */
  public static PlotDefinition fromProps(String dir, String id, Object props) {
    Map<?, ?> p = props instanceof Map<?, ?> m ? m : Map.of();
    Object x = p.get("x");
    Object y = p.get("y");
    List<String> files = new ArrayList<>();
    String plotId = id;
    if (y instanceof Map<?, ?> ym) {
      Map<String, Object> adjusted = new LinkedHashMap<>();
      ym.forEach((f, v) -> {
        String path = DvcYamlScan.join(dir, String.valueOf(f));
        adjusted.put(path, v);
        files.add(path);
      });
      y = adjusted;
    } else {
      plotId = DvcYamlScan.join(dir, id);
      files.add(plotId);
    }
    if (x instanceof Map<?, ?> xm) {
      Map<String, Object> adjusted = new LinkedHashMap<>();
      xm.forEach((f, v) -> {
        String path = DvcYamlScan.join(dir, String.valueOf(f));
        adjusted.put(path, v);
        if (!files.contains(path)) {
          files.add(path);
        }
      });
      x = adjusted;
    }
    return new PlotDefinition(plotId, files, x, y, str(p.get("template")), str(p.get("title")),
        str(p.get("x_label")), str(p.get("y_label")), !Boolean.FALSE.equals(p.get("header")));
  }

  private static String str(Object o) {
    return o == null ? null : String.valueOf(o);
  }

  /**
   * Fills in DVCLive's plot config for the files DVCLive writes, when the definition sets none of
   * x, y and template: {@code plots/metrics/*.tsv} (x = step), {@code plots/sklearn/roc.json},
   * {@code precision_recall.json}, {@code det.json}, {@code calibration.json} and {@code
   * confusion_matrix.json}.
   */
  public static PlotDefinition withDvcLiveDefaults(PlotDefinition d) {
    if (d.x() != null || d.y() != null || d.template() != null) {
      return d;
    }
    String name = d.id().substring(d.id().lastIndexOf('/') + 1);
    boolean sklearn = d.id().contains("sklearn/") || d.id().startsWith("dvclive/");
    if (d.id().contains("plots/metrics/") && (name.endsWith(".tsv") || name.endsWith(".csv"))) {
      return with(d, "step", null, null, null, null, null);
    }
    if (!sklearn && !name.startsWith("roc") && !name.startsWith("precision_recall")
        && !name.startsWith("confusion_matrix")) {
      return d;
    }
    return switch (name) {
      case "roc.json" -> with(d, "fpr", "tpr", "simple", "Receiver operating characteristic (ROC)",
          "False Positive Rate", "True Positive Rate");
      case "precision_recall.json" -> with(d, "recall", "precision", "simple", "Precision-Recall Curve",
          "Recall", "Precision");
      case "det.json" -> with(d, "fpr", "fnr", "simple", "Detection error tradeoff (DET)",
          "False Positive Rate", "False Negative Rate");
      case "calibration.json" -> with(d, "prob_pred", "prob_true", "simple", "Calibration Curve",
          "Mean Predicted Probability", "Fraction of Positives");
      case "confusion_matrix.json" -> with(d, "actual", "predicted", "confusion", "Confusion Matrix",
          "True Label", "Predicted Label");
      default -> d;
    };
  }

  private static PlotDefinition with(PlotDefinition d, String x, String y, String template, String title,
      String xLabel, String yLabel) {
    return new PlotDefinition(d.id(), d.files(), x, y, template, d.title() != null ? d.title() : title,
        d.xLabel() != null ? d.xLabel() : xLabel, d.yLabel() != null ? d.yLabel() : yLabel, d.header());
  }
}
