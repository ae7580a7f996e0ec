package dev.cairn.live;

/**
 * One point of a ROC curve.
 *
 * @param fpr false positive rate at this threshold
 * @param tpr true positive rate at this threshold
 * @param threshold scores at or above it count as positive
 */
public record RocPoint(double fpr, double tpr, double threshold) {}
