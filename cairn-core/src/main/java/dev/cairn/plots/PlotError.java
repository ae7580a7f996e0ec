package dev.cairn.plots;

import dev.cairn.metrics.ReadError;

/** A problem with one plot in one revision ({@code file} is null when it is not about one file). */
public record PlotError(String revision, String plotId, String file, ReadError error) {
  /** One line for the user, e.g. {@code workspace: metrics.json: FileNotFoundError: ...}. */
  public String describe() {
    return revision + ": " + (file != null ? file : plotId) + ": " + error.type() + ": " + error.msg();
  }
}
