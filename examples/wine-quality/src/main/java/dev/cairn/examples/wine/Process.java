package dev.cairn.examples.wine;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Stage {@code process}: reads the raw CSV ({@code data.raw}, semicolon-separated), splits it into
 * features and the target {@code process.feature}, then into train and test ({@code process.test_size},
 * shuffled with seed {@value Split#SEED}), and writes {@code X_train.csv}, {@code X_test.csv},
 * {@code y_train.csv}, {@code y_test.csv} into {@code data.intermediate}.
 */
public final class Process {
  private Process() {}

  /** Runs the stage: {@code java -cp wine-quality.jar dev.cairn.examples.wine.Process params.yaml}. */
  public static void main(String[] args) {
    StageRunner.main("Process", Process::run, args);
  }

  /** Runs the stage with paths resolved against {@code workDir}; returns the split it wrote. */
  public static Split run(Path workDir, Params params) throws IOException {
    Dataset data = loadRaw(workDir.resolve(params.raw()), params.feature());
    Split split = Split.of(data, params.testSize(), Split.SEED);
    split.write(workDir.resolve(params.intermediate()), params.feature());
    System.out.printf("Split %d rows into %d train and %d test rows%n", data.size(), split.train().size(), split.test().size());
    return split;
  }

  /** Reads the raw semicolon-separated file and separates the target column. */
  public static Dataset loadRaw(Path file, String target) throws IOException {
    return Dataset.fromTable(Table.read(file, ';'), target);
  }
}
