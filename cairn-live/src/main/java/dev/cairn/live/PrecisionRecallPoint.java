package dev.cairn.live;

/**
 * One point of a precision-recall curve.
 *
 * @param precision precision at this threshold
 * @param recall recall at this threshold
 * @param threshold scores at or above it count as positive
 */
public record PrecisionRecallPoint(double precision, double recall, double threshold) {}
