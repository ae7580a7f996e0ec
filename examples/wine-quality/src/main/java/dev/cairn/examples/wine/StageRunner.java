package dev.cairn.examples.wine;

import java.nio.file.Path;

/** The shared shell of the stage mains: argument check, error reporting, exit codes. */
final class StageRunner {
  /** One stage's work, given the working directory and the parsed params. */
  @FunctionalInterface
  interface Stage {
    void run(Path workDir, Params params) throws Exception;
  }

  private StageRunner() {}

  /**
   * Runs a stage with {@code args} = {@code [params.yaml]} in the working directory and exits:
   * 0 on success, 1 when the stage fails, 2 on a usage error.
   */
  static void main(String name, Stage stage, String[] args) {
    if (args.length > 1) {
      System.err.println("Usage: java -cp wine-quality.jar dev.cairn.examples.wine." + name + " [params.yaml]");
      System.exit(2);
    }
    Path paramsFile = Path.of(args.length == 1 ? args[0] : "params.yaml");
    try {
      stage.run(Path.of(""), Params.load(paramsFile));
    } catch (Exception e) {
      System.err.println("Error in stage " + name + ": " + e.getMessage());
      System.exit(1);
    }
  }
}
