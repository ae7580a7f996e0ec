package dev.cairn.checks;

/** How drift between two samples is measured. */
public enum DriftMethod {
  /** Population stability index over quantile bins of the first sample ({@link DriftStatistics#psi}). */
  PSI("PSI"),
  /** Two-sample Kolmogorov-Smirnov statistic ({@link DriftStatistics#ks}). */
  KS("KS statistic"),
  /** Cramér's V of category against sample, for categorical values ({@link DriftStatistics#cramersV}). */
  CRAMERS_V("Cramér's V");

  private final String label;

  DriftMethod(String label) {
    this.label = label;
  }

  /** Returns the name used in messages. */
  public String label() {
    return label;
  }
}
