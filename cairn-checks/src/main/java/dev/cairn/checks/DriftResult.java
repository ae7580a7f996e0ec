package dev.cairn.checks;

/**
 * The drift measured between a reference sample (train) and a current sample (test) of one quantity.
 *
 * @param subject what was compared, for example {@code predictions} or a feature name
 * @param method how drift was measured
 * @param statistic the measured drift score
 * @param threshold the largest score that still passes
 */
public record DriftResult(String subject, DriftMethod method, double statistic, double threshold) implements CheckResult {
  @Override
  public boolean passed() {
    return statistic <= threshold;
  }

  @Override
  public String message() {
    String head = "Drift of " + subject + " between train and test: " + method.label() + " " + Numbers.f4(statistic);
    return head + (passed() ? " is within " : " exceeds ") + "the threshold " + Numbers.f4(threshold);
  }
}
