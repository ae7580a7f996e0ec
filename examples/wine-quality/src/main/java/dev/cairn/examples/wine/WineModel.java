package dev.cairn.examples.wine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import libsvm.svm;
import libsvm.svm_model;
import libsvm.svm_node;
import libsvm.svm_parameter;
import libsvm.svm_problem;

/**
 * The trained pipeline: a {@link StandardScaler} followed by a LibSVM C-SVC (one-vs-one for more
 * than two classes). Saved as one text file: a short header (format, features, scaler, chosen
 * hyperparameters, cross-validation score), then LibSVM's own model text.
 *
 * <p>Tests adapt it to cairn-checks with {@code Predictor<double[], Integer> p = model::predict}.
 *
 * <p>Training is deterministic: LibSVM's solver uses no randomness when probability estimates are
 * off, which they are.
 */
public final class WineModel {
  static final String MAGIC = "cairn-wine-svm 1";

  static {
    svm.svm_set_print_string_function(message -> { });
  }

  private final List<String> features;
  private final StandardScaler scaler;
  private final SvmConfig config;
  private final double gammaValue;
  private final double cvScore;
  private final svm_model svmModel;

  private WineModel(List<String> features, StandardScaler scaler, SvmConfig config, double gammaValue, double cvScore,
      svm_model svmModel) {
    this.features = List.copyOf(features);
    this.scaler = scaler;
    this.config = config;
    this.gammaValue = gammaValue;
    this.cvScore = cvScore;
    this.svmModel = svmModel;
  }

  /**
   * Fits the scaler and the SVM on {@code data}.
   *
   * @param cvScore the cross-validation score that chose {@code config}, kept for reporting (NaN if none)
   */
  public static WineModel fit(Dataset data, SvmConfig config, double cvScore) {
    StandardScaler scaler = StandardScaler.fit(data.x());
    double[][] scaled = scaler.transform(data.x());
    double gamma = config.gamma().resolve(scaled);
    svm_problem problem = new svm_problem();
    problem.l = scaled.length;
    problem.x = Arrays.stream(scaled).map(WineModel::nodes).toArray(svm_node[][]::new);
    problem.y = Arrays.stream(data.y()).asDoubleStream().toArray();
    svm_parameter param = parameter(config, gamma);
    String error = svm.svm_check_parameter(problem, param);
    if (error != null) {
      throw new IllegalArgumentException("Invalid SVM parameters " + config + ": " + error);
    }
    return new WineModel(data.features(), scaler, config, gamma, cvScore, svm.svm_train(problem, param));
  }

  private static svm_parameter parameter(SvmConfig config, double gamma) {
    svm_parameter p = new svm_parameter();
    p.svm_type = svm_parameter.C_SVC;
    p.kernel_type = config.kernel().libsvmCode();
    p.degree = 3;
    p.gamma = gamma;
    p.coef0 = 0;
    p.C = config.c();
    p.cache_size = 200;
    p.eps = 1e-3;
    p.shrinking = 1;
    p.probability = 0;
    p.nr_weight = 0;
    p.weight_label = new int[0];
    p.weight = new double[0];
    return p;
  }

  private static svm_node[] nodes(double[] row) {
    svm_node[] out = new svm_node[row.length];
    for (int j = 0; j < row.length; j++) {
      svm_node node = new svm_node();
      node.index = j + 1;
      node.value = row[j];
      out[j] = node;
    }
    return out;
  }

  /** Predicts the class of one row of raw (unscaled) features. */
  public int predict(double[] input) {
    return (int) svm.svm_predict(svmModel, nodes(scaler.transform(input)));
  }

  /** Predicts every row. */
  public int[] predict(double[][] x) {
    int[] out = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = predict(x[i]);
    }
    return out;
  }

  /** Returns the feature names, in input order. */
  public List<String> features() {
    return features;
  }

  /** Returns the hyperparameters the model was trained with. */
  public SvmConfig config() {
    return config;
  }

  /** Returns the gamma LibSVM used (resolved from {@code scale} when so configured). */
  public double gammaValue() {
    return gammaValue;
  }

  /** Returns the cross-validation score recorded at training time (NaN if none). */
  public double cvScore() {
    return cvScore;
  }

  /** Writes the model file atomically, creating parent directories. */
  public void save(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path svmText = Files.createTempFile(dir, ".svm", ".tmp");
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      svm.svm_save_model(svmText.toString(), svmModel);
      try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        out.write(MAGIC + "\n");
        out.write("features\t" + String.join("\t", features) + "\n");
        out.write("mean\t" + join(scaler.mean()) + "\n");
        out.write("scale\t" + join(scaler.scale()) + "\n");
        out.write("kernel\t" + config.kernel().key() + "\n");
        out.write("C\t" + config.c() + "\n");
        out.write("gamma\t" + config.gamma() + "\n");
        out.write("gamma_value\t" + gammaValue + "\n");
        out.write("cv_score\t" + cvScore + "\n");
        out.write("libsvm\n");
        out.write(Files.readString(svmText, StandardCharsets.UTF_8));
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(svmText);
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a model file written by {@link #save}.
   *
   * @throws IOException if the file cannot be read or is not a model file
   */
  public static WineModel load(Path file) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      if (!MAGIC.equals(in.readLine())) {
        throw new IOException(file + " is not a wine model file (expected first line '" + MAGIC + "')");
      }
      List<String> features = List.of(field(in, "features", file));
      double[] mean = numbers(field(in, "mean", file));
      double[] scale = numbers(field(in, "scale", file));
      Kernel kernel = Kernel.parse(field(in, "kernel", file)[0]);
      double c = Double.parseDouble(field(in, "C", file)[0]);
      String gammaText = field(in, "gamma", file)[0];
      Gamma gamma = gammaText.equals("scale") ? Gamma.SCALE : Gamma.of(Double.parseDouble(gammaText));
      double gammaValue = Double.parseDouble(field(in, "gamma_value", file)[0]);
      double cvScore = Double.parseDouble(field(in, "cv_score", file)[0]);
      if (!"libsvm".equals(in.readLine())) {
        throw new IOException(file + ": expected the 'libsvm' section after the header");
      }
      svm_model model = svm.svm_load_model(in);
      if (model == null) {
        throw new IOException(file + ": LibSVM could not read the model section");
      }
      return new WineModel(features, new StandardScaler(mean, scale), new SvmConfig(kernel, c, gamma), gammaValue, cvScore, model);
    }
  }

  private static String[] field(BufferedReader in, String name, Path file) throws IOException {
    String line = in.readLine();
    if (line == null || !line.startsWith(name + "\t")) {
      throw new IOException(file + ": expected the '" + name + "' line, got '" + line + "'");
    }
    return line.substring(name.length() + 1).split("\t", -1);
  }

  private static double[] numbers(String[] cells) {
    return Arrays.stream(cells).mapToDouble(Double::parseDouble).toArray();
  }

  private static String join(double[] values) {
    List<String> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(Double.toString(v));
    }
    return String.join("\t", out);
  }
}
