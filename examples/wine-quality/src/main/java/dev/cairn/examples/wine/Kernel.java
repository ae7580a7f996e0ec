package dev.cairn.examples.wine;

import libsvm.svm_parameter;

/** The SVM kernels the grid may name, with LibSVM's codes. */
public enum Kernel {
  /** {@code u'v}. */
  LINEAR("linear", svm_parameter.LINEAR),
  /** {@code exp(-gamma |u - v|^2)}. */
  RBF("rbf", svm_parameter.RBF),
  /** {@code (gamma u'v)^3}. */
  POLY("poly", svm_parameter.POLY),
  /** {@code tanh(gamma u'v)}. */
  SIGMOID("sigmoid", svm_parameter.SIGMOID);

  private final String key;
  private final int libsvmCode;

  Kernel(String key, int libsvmCode) {
    this.key = key;
    this.libsvmCode = libsvmCode;
  }

  /** Returns the name used in {@code params.yaml}. */
  public String key() {
    return key;
  }

  int libsvmCode() {
    return libsvmCode;
  }

  /** Returns whether gamma affects this kernel. */
  public boolean usesGamma() {
    return this != LINEAR;
  }

  /**
   * Returns the kernel with this name.
   *
   * @throws IllegalArgumentException listing the known names
   */
  public static Kernel parse(String key) {
    for (Kernel k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    throw new IllegalArgumentException("Unknown kernel '" + key + "': use linear, rbf, poly or sigmoid");
  }
}
