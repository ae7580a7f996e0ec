package dev.cairn.plots;

import java.util.List;

/** The plots to draw and the problems met while reading them (missing files, bad fields, ...). */
public record PlotsResult(List<Plot> plots, List<PlotError> errors) {
  public PlotsResult {
    plots = List.copyOf(plots);
    errors = List.copyOf(errors);
  }

  /** The revisions with at least one error, in the order met. */
  public List<String> erroredRevisions() {
    return errors.stream().map(PlotError::revision).distinct().toList();
  }
}
