package com.example.wine;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The shell every stage shares: arguments, one-line errors, exit codes. */
final class Stage {
  /** One stage's work, given its path arguments and the params. */
  @FunctionalInterface
  interface Body {
    void run(Path data, Path model, Path live, Params params) throws Exception;
  }

  private Stage() {}

  /**
   * Runs {@code body} with {@code args} = {@code <data.csv> <model file> <dvclive dir>} and the
   * params of {@code params.yaml}; exits 2 on a usage error and 1 when the stage fails, with one
   * line on stderr.
   */
  static void run(String name, String[] args, Body body) {
    if (args.length != 3) {
      System.err.println("Usage: java -cp target/pipeline.jar com.example.wine." + name + " <data.csv> <model file> <dvclive dir>");
      System.exit(2);
    }
    try {
      body.run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Params.load(Params.FILE));
    } catch (NoSuchFileException e) {
      System.err.println("Error in stage " + name + ": no such file: " + e.getMessage());
      System.exit(1);
    } catch (Exception e) {
      System.err.println("Error in stage " + name + ": " + e.getMessage());
      System.exit(1);
    }
  }
}
