package dev.cairn.examples.wine;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The pipeline's {@code params.yaml}, in the demo's shape:
 *
 * <pre>
 * data: {raw: data/raw/winequality-red.csv, intermediate: data/intermediate}
 * model: model/svm.model
 * process: {feature: quality, test_size: 0.2}
 * train:
 *   hyperparameters: {kernel: [linear, rbf], C: [1, 10], gamma: [scale, 0.1]}
 *   grid_search: {cv: 3, scoring: accuracy}
 * </pre>
 *
 * @param raw the raw CSV file
 * @param intermediate the directory for the split data
 * @param model the model file
 * @param feature the target column
 * @param testSize the share of rows for the test split, in (0, 1)
 * @param grid the hyperparameter values to search
 * @param cv the number of cross-validation folds, at least 2
 * @param scoring the grid search's score
 */
public record Params(Path raw, Path intermediate, Path model, String feature, double testSize,
    HyperparameterGrid grid, int cv, Scoring scoring) {

  /** Validates ranges. */
  public Params {
    if (!(testSize > 0 && testSize < 1)) {
      throw new IllegalArgumentException("process.test_size must be between 0 and 1, got " + testSize);
    }
    if (cv < 2) {
      throw new IllegalArgumentException("train.grid_search.cv must be at least 2, got " + cv);
    }
  }

  /**
   * Reads and validates a params file.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException naming the file and the key when a key is missing or invalid
   */
  public static Params load(Path file) throws IOException {
    Object root;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromReader(reader);
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException("Invalid YAML in " + file + ": " + e.getMessage(), e);
    }
    try {
      return fromTree(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  static Params fromTree(Object root) {
    Map<?, ?> data = map(root, "data");
    Map<?, ?> process = map(root, "process");
    Map<?, ?> train = map(root, "train");
    Map<?, ?> hyper = map(train, "hyperparameters", "train.hyperparameters");
    Map<?, ?> search = map(train, "grid_search", "train.grid_search");
    HyperparameterGrid grid = HyperparameterGrid.of(
        list(hyper, "kernel", "train.hyperparameters.kernel"),
        list(hyper, "C", "train.hyperparameters.C"),
        list(hyper, "gamma", "train.hyperparameters.gamma"));
    return new Params(
        Path.of(string(data, "raw", "data.raw")),
        Path.of(string(data, "intermediate", "data.intermediate")),
        Path.of(string(asMap(root, "the document"), "model", "model")),
        string(process, "feature", "process.feature"),
        number(process, "test_size", "process.test_size").doubleValue(),
        grid,
        number(search, "cv", "train.grid_search.cv").intValue(),
        Scoring.parse(string(search, "scoring", "train.grid_search.scoring")));
  }

  private static Map<?, ?> map(Object root, String key) {
    return map(asMap(root, "the document"), key, key);
  }

  private static Map<?, ?> map(Map<?, ?> parent, String key, String path) {
    return asMap(required(parent, key, path), "'" + path + "'");
  }

  private static Map<?, ?> asMap(Object value, String what) {
    if (value instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalArgumentException("Expected a mapping for " + what);
  }

  private static Object required(Map<?, ?> parent, String key, String path) {
    Object value = parent.get(key);
    if (value == null) {
      throw new IllegalArgumentException("Missing key '" + path + "'");
    }
    return value;
  }

  private static String string(Map<?, ?> parent, String key, String path) {
    return String.valueOf(required(parent, key, path));
  }

  private static Number number(Map<?, ?> parent, String key, String path) {
    if (required(parent, key, path) instanceof Number n) {
      return n;
    }
    throw new IllegalArgumentException("Key '" + path + "' must be a number, got '" + parent.get(key) + "'");
  }

  private static List<?> list(Map<?, ?> parent, String key, String path) {
    Object value = required(parent, key, path);
    List<?> items = value instanceof List<?> l ? l : List.of(value);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("Key '" + path + "' must list at least one value");
    }
    return items;
  }
}
