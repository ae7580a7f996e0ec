package dev.cairn.checks;

/**
 * The outcome of comparing a model's performance on its training data with its test data.
 *
 * @param metric the scorer's name
 * @param higherIsBetter whether a higher score is better
 * @param trainScore the score on the training data
 * @param testScore the score on the test data
 * @param maxGap the largest allowed loss from train to test, in score units
 */
public record GapResult(String metric, boolean higherIsBetter, double trainScore, double testScore, double maxGap)
    implements CheckResult {

  /** Returns how much worse the model does on test than on train (negative when it does better). */
  public double gap() {
    return higherIsBetter ? trainScore - testScore : testScore - trainScore;
  }

  /** Returns {@link #gap()} relative to the train score (0 when the train score is 0). */
  public double relativeDegradation() {
    return trainScore == 0 ? 0 : gap() / Math.abs(trainScore);
  }

  @Override
  public boolean passed() {
    return gap() <= maxGap;
  }

  @Override
  public String message() {
    String head = "Model " + metric + " is " + Numbers.f4(trainScore) + " on train and " + Numbers.f4(testScore)
        + " on test: gap " + Numbers.f4(gap()) + " (relative " + Numbers.f4(relativeDegradation()) + ")";
    return head + (passed() ? " is within " : " exceeds ") + "the allowed " + Numbers.f4(maxGap);
  }
}
