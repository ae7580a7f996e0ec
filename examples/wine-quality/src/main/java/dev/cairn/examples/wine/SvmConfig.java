package dev.cairn.examples.wine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One point of the hyperparameter grid.
 *
 * @param kernel the kernel
 * @param c the regularisation parameter C, positive
 * @param gamma the kernel coefficient (ignored by the linear kernel)
 */
public record SvmConfig(Kernel kernel, double c, Gamma gamma) {
  /** Validates C. */
  public SvmConfig {
    if (!(c > 0 && Double.isFinite(c))) {
      throw new IllegalArgumentException("C must be positive, got " + c);
    }
  }

  /** Returns the hyperparameters as a map for logging: {@code kernel}, {@code C}, {@code gamma}. */
  public Map<String, Object> toParams() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kernel", kernel.key());
    out.put("C", c);
    out.put("gamma", gamma.toParam());
    return out;
  }

  @Override
  public String toString() {
    return "kernel=" + kernel.key() + ", C=" + c + (kernel.usesGamma() ? ", gamma=" + gamma : "");
  }
}
