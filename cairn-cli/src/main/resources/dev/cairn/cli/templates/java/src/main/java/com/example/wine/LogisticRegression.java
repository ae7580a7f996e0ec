package com.example.wine;

import java.util.function.DoubleConsumer;

/**
 * Binary logistic regression fitted by full-batch gradient descent on the mean log loss, with an
 * L2 penalty on the weights. Deterministic: the same data and hyperparameters give the same model.
 */
public final class LogisticRegression {
  private final double[] weights;
  private final double bias;

  LogisticRegression(double[] weights, double bias) {
    this.weights = weights.clone();
    this.bias = bias;
  }

  /**
   * The hyperparameters of a fit.
   *
   * @param epochs passes of gradient descent over the whole train set
   * @param learningRate the step size
   * @param l2 the strength of the L2 penalty (0 for none)
   */
  public record Hyperparameters(int epochs, double learningRate, double l2) {
    /** Checks the ranges. */
    public Hyperparameters {
      if (epochs < 1 || !(learningRate > 0) || !(l2 >= 0)) {
        throw new IllegalArgumentException("need epochs >= 1, learning rate > 0, l2 >= 0; got " + epochs + ", "
            + learningRate + ", " + l2);
      }
    }
  }

  /**
   * Fits a model to rows {@code x} (already scaled) and labels {@code y}, calling {@code lossPerEpoch}
   * with the train loss after each epoch.
   */
  public static LogisticRegression fit(double[][] x, int[] y, Hyperparameters hp, DoubleConsumer lossPerEpoch) {
    int n = x.length;
    int d = x[0].length;
    double[] w = new double[d];
    double b = 0;
    for (int epoch = 0; epoch < hp.epochs(); epoch++) {
      double[] gradW = new double[d];
      double gradB = 0;
      for (int i = 0; i < n; i++) {
        double error = sigmoid(dot(w, x[i]) + b) - y[i];
        for (int j = 0; j < d; j++) {
          gradW[j] += error * x[i][j] / n;
        }
        gradB += error / n;
      }
      for (int j = 0; j < d; j++) {
        w[j] -= hp.learningRate() * (gradW[j] + hp.l2() * w[j]);
      }
      b -= hp.learningRate() * gradB;
      lossPerEpoch.accept(new LogisticRegression(w, b).logLoss(x, y));
    }
    return new LogisticRegression(w, b);
  }

  /** The probability that a (scaled) row belongs to class 1. */
  public double probability(double[] row) {
    return sigmoid(dot(weights, row) + bias);
  }

  /** The predicted class: 1 when the probability is at least 0.5. */
  public int predict(double[] row) {
    return probability(row) >= 0.5 ? 1 : 0;
  }

  /** The mean log loss on rows {@code x} and labels {@code y}. */
  public double logLoss(double[][] x, int[] y) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double p = Math.min(Math.max(probability(x[i]), 1e-15), 1 - 1e-15);
      sum -= y[i] == 1 ? Math.log(p) : Math.log(1 - p);
    }
    return sum / x.length;
  }

  double[] weights() {
    return weights.clone();
  }

  double bias() {
    return bias;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
