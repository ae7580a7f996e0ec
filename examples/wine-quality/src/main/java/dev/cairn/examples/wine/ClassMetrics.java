package dev.cairn.examples.wine;

/**
 * Precision, recall and F1 of one class, as scikit-learn's {@code classification_report} (0 where
 * a ratio is undefined).
 *
 * @param label the class label
 * @param precision share of predictions of this class that are right
 * @param recall share of samples of this class that are found
 * @param f1 harmonic mean of precision and recall
 * @param support number of samples of this class
 */
public record ClassMetrics(int label, double precision, double recall, double f1, int support) {}
