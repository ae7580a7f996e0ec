package dev.cairn.pipeline;

import java.util.List;

/**
 * Params tracked by a stage from one file.
 *
 * @param file the params file as written, relative to the stage's wdir ({@code params.yaml} by default)
 * @param keys the tracked dotted keys in declaration order; empty when the whole file is tracked
 * @param wholeFile true for {@code {file: null}} / {@code {file: []}}
 */
public record ParamDep(String file, List<String> keys, boolean wholeFile) {
  /** The default params file name. */
  public static final String DEFAULT_FILE = "params.yaml";

  public ParamDep {
    keys = List.copyOf(keys);
  }
}
