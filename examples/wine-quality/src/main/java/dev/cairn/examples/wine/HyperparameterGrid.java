package dev.cairn.examples.wine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The values to try for each hyperparameter.
 *
 * @param kernels kernels, in the order given
 * @param cs values of C
 * @param gammas values of gamma
 */
public record HyperparameterGrid(List<Kernel> kernels, List<Double> cs, List<Gamma> gammas) {
  /** Copies the lists; none may be empty. */
  public HyperparameterGrid {
    kernels = List.copyOf(kernels);
    cs = List.copyOf(cs);
    gammas = List.copyOf(gammas);
    if (kernels.isEmpty() || cs.isEmpty() || gammas.isEmpty()) {
      throw new IllegalArgumentException("Every hyperparameter needs at least one value");
    }
  }

  /** Parses raw YAML values: kernel names, numbers for C, numbers or {@code scale} for gamma. */
  static HyperparameterGrid of(List<?> kernels, List<?> cs, List<?> gammas) {
    List<Double> cValues = new ArrayList<>();
    for (Object c : cs) {
      if (!(c instanceof Number n)) {
        throw new IllegalArgumentException("C must be a number, got '" + c + "'");
      }
      cValues.add(n.doubleValue());
    }
    return new HyperparameterGrid(
        kernels.stream().map(k -> Kernel.parse(String.valueOf(k))).toList(),
        cValues,
        gammas.stream().map(Gamma::parse).toList());
  }

  /**
   * Returns every combination, kernel-major as scikit-learn's {@code ParameterGrid} orders a grid,
   * with one entry per (kernel, C) for kernels that ignore gamma.
   */
  public List<SvmConfig> configs() {
    Set<SvmConfig> out = new LinkedHashSet<>();
    for (Kernel kernel : kernels) {
      for (double c : cs) {
        for (Gamma gamma : gammas) {
          out.add(new SvmConfig(kernel, c, kernel.usesGamma() ? gamma : gammas.get(0)));
        }
      }
    }
    return List.copyOf(out);
  }
}
