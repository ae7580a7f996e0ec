package dev.cairn.checks;

/**
 * The outcome of comparing a model with a simple baseline on the same test data.
 *
 * @param metric the scorer's name, for example {@code accuracy}
 * @param higherIsBetter whether a higher score is better
 * @param baseline what the baseline is, for example {@code majority-class}
 * @param modelScore the model's score on the test data
 * @param baselineScore the baseline's score on the test data
 * @param requiredMargin how much better than the baseline the model must be (in score units)
 */
public record BaselineResult(String metric, boolean higherIsBetter, String baseline, double modelScore,
    double baselineScore, double requiredMargin) implements CheckResult {

  /** Returns how much better the model scores than the baseline (negative when worse). */
  public double margin() {
    return higherIsBetter ? modelScore - baselineScore : baselineScore - modelScore;
  }

  @Override
  public boolean passed() {
    return margin() >= requiredMargin;
  }

  @Override
  public String message() {
    String model = "Model " + metric + " " + Numbers.f4(modelScore);
    String base = "the " + baseline + " baseline " + Numbers.f4(baselineScore);
    if (passed()) {
      return model + " beats " + base + " by " + Numbers.f4(margin())
          + " (required margin " + Numbers.f4(requiredMargin) + ")";
    }
    return model + " does not beat " + base + " by the required margin " + Numbers.f4(requiredMargin)
        + " (actual margin " + Numbers.f4(margin()) + ")";
  }
}
