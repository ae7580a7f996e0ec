package dev.cairn.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained model as the checks see it: one input in, one prediction out.
 *
 * @param <X> the input type (for example {@code double[]} of features)
 * @param <Y> the prediction type (a class label, or a number for regression)
 */
@FunctionalInterface
public interface Predictor<X, Y> {
  /** Predicts the output for one input. */
  Y predict(X input);

  /**
   * Predicts a batch. The default calls {@link #predict} for each input in order; override it when
   * the model has a faster batch path.
   */
  default List<Y> predictAll(List<? extends X> inputs) {
    List<Y> out = new ArrayList<>(inputs.size());
    for (X input : inputs) {
      out.add(predict(input));
    }
    return out;
  }
}
