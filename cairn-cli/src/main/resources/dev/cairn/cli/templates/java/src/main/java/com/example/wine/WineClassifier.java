package com.example.wine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.stream.Collectors;

/**
 * The model of the pipeline: a {@link Standardizer} and a {@link LogisticRegression} fitted on the
 * train part, saved as a small text file that the same inputs always write byte for byte.
 */
public final class WineClassifier {
  private final List<String> features;
  private final Standardizer scaler;
  private final LogisticRegression model;

  WineClassifier(List<String> features, Standardizer scaler, LogisticRegression model) {
    this.features = List.copyOf(features);
    this.scaler = scaler;
    this.model = model;
  }

  /** Fits the scaler and the regression on {@code train}; {@code lossPerEpoch} sees each epoch's train loss. */
  public static WineClassifier train(Dataset train, LogisticRegression.Hyperparameters hp, DoubleConsumer lossPerEpoch) {
    Standardizer scaler = Standardizer.fit(train.x());
    LogisticRegression model = LogisticRegression.fit(scaler.transform(train.x()), train.y(), hp, lossPerEpoch);
    return new WineClassifier(train.features(), scaler, model);
  }

  /** The probability that a raw (unscaled) row is a good wine. */
  public double probability(double[] row) {
    return model.probability(scaler.transform(row));
  }

  /** The predicted label of a raw row: 1 (good) or 0. */
  public int predict(double[] row) {
    return model.predict(scaler.transform(row));
  }

  /** The features the model expects, in order. */
  public List<String> features() {
    return features;
  }

  /** Writes the model to {@code file} (creating its directory). */
  public void save(Path file) throws IOException {
    Map<String, String> lines = new LinkedHashMap<>();
    lines.put("features", String.join(",", features));
    lines.put("mean", join(scaler.mean()));
    lines.put("scale", join(scaler.scale()));
    lines.put("weights", join(model.weights()));
    lines.put("bias", Double.toString(model.bias()));
    StringBuilder text = new StringBuilder("# wine classifier: standardizer + logistic regression\n");
    lines.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /**
   * Reads a model that {@link #save} wrote.
   *
   * @throws IllegalArgumentException if a line is missing or malformed
   */
  public static WineClassifier load(Path file) throws IOException {
    Map<String, String> lines = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        lines.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    try {
      List<String> features = List.of(required(lines, file, "features").split(","));
      Standardizer scaler = new Standardizer(numbers(required(lines, file, "mean")), numbers(required(lines, file, "scale")));
      LogisticRegression model = new LogisticRegression(numbers(required(lines, file, "weights")),
          Double.parseDouble(required(lines, file, "bias")));
      return new WineClassifier(features, scaler, model);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(file + ": not a number: " + e.getMessage());
    }
  }

  private static String required(Map<String, String> lines, Path file, String key) {
    String v = lines.get(key);
    if (v == null) {
      throw new IllegalArgumentException(file + ": no '" + key + "=' line; is it a model written by Train?");
    }
    return v;
  }

  private static String join(double[] values) {
    return Arrays.stream(values).mapToObj(Double::toString).collect(Collectors.joining(","));
  }

  private static double[] numbers(String csv) {
    return Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).toArray();
  }
}
