package dev.cairn.pipeline;

/**
 * How a dict interpolated into {@code cmd} becomes command-line arguments: DVC's {@code parsing.bool}
 * ({@code store_true}: {@code --k} or nothing; {@code boolean_optional}: {@code --k}/{@code --no-k})
 * and {@code parsing.list} ({@code nargs}: {@code --k a b}; {@code append}: {@code --k a --k b}).
 */
public record ParsingOptions(boolean booleanOptional, boolean listAppend) {
  /** DVC's defaults: {@code store_true} and {@code nargs}. */
  public static final ParsingOptions DEFAULTS = new ParsingOptions(false, false);

  /** From the config values {@code parsing.bool} / {@code parsing.list} (null means the default). */
  public static ParsingOptions of(String bool, String list) {
    return new ParsingOptions("boolean_optional".equals(bool), "append".equals(list));
  }
}
