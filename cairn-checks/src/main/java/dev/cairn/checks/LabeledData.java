package dev.cairn.checks;

import java.util.List;

/**
 * Inputs with their true labels, for example a train or a test split.
 *
 * @param inputs the inputs, in order
 * @param labels the true label of each input
 * @param <X> the input type
 * @param <Y> the label type
 */
public record LabeledData<X, Y>(List<X> inputs, List<Y> labels) {
  /** Copies both lists; they must have the same, non-zero size and no nulls. */
  public LabeledData {
    inputs = List.copyOf(inputs);
    labels = List.copyOf(labels);
    if (inputs.size() != labels.size()) {
      throw new IllegalArgumentException("Inputs and labels differ in size: " + inputs.size() + " vs " + labels.size());
    }
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("Labeled data must not be empty");
    }
  }

  /** Returns the number of samples. */
  public int size() {
    return inputs.size();
  }
}
