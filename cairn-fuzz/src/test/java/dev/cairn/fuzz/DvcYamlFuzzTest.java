package dev.cairn.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.cairn.pipeline.Dag;
import dev.cairn.pipeline.ParsingOptions;
import dev.cairn.pipeline.Pipeline;
import dev.cairn.pipeline.PipelineException;
import dev.cairn.pipeline.PipelineParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code dvc.yaml} with templating ({@code ${...}}, {@code vars}, {@code foreach}, {@code matrix}):
 * a resolved pipeline, or {@link PipelineException}. A {@code params.yaml} with scalars, lists and
 * dicts sits beside the file so that interpolation has something to resolve.
 */
class DvcYamlFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("cairn-fuzz-dvcyaml");
      Files.writeString(DIR.resolve("params.yaml"), """
          lr: 0.01
          epochs: 3
          name: model
          flag: true
          models: [a, b]
          train:
            seed: 7
            layers: [1, 2]
            opts: {x: 1, y: [2, 3]}
          """);
      Files.writeString(DIR.resolve("vars.yaml"), "k: v\nn: 2\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = Fuzz.DURATION)
  void dvcYaml(byte[] input) {
    check(input);
  }

  /** The property, also run by {@link ParsersFuzzTest}. */
  static void check(byte[] input) {
    ParsingOptions opts = input.length > 0 && (input[0] & 1) == 1 ? new ParsingOptions(true, true)
        : ParsingOptions.DEFAULTS;
    Pipeline p;
    try {
      p = PipelineParser.parse(Fuzz.text(input), DIR, "", opts);
    } catch (PipelineException e) {
      Fuzz.checkMessage(e);
      return;
    }
    // a parsed pipeline also builds a graph, or is refused with a PipelineException
    try {
      Dag.of(java.util.List.of(p));
    } catch (PipelineException e) {
      Fuzz.checkMessage(e);
    }
  }
}
