package dev.cairn.repro;

/**
 * Receives what a repro run reports: DVC's log lines ({@code Running stage 'train':}, {@code >
 * cmd}, {@code Stage 'x' didn't change, skipping}, …) and every line the stage commands write.
 * Called from several threads when stages run in parallel; implementations must be thread-safe,
 * and a single call must be written out whole.
 */
public interface ReproListener {
  /** A listener that drops everything. */
  ReproListener NONE = new ReproListener() {
    @Override
    public void message(String stage, String text) {}

    @Override
    public void output(String stage, boolean stderr, String line) {}
  };

  /**
   * A log line.
   *
   * @param stage the address of the stage it is about, or null for run-level lines (summary, final hint)
   * @param text one line, without a line terminator
   */
  void message(String stage, String text);

  /**
   * One line written by a stage's command, without its terminator (a last line without a newline is
   * delivered at end of stream).
   *
   * @param stage the stage's address
   * @param stderr whether the command wrote it to standard error
   */
  void output(String stage, boolean stderr, String line);
}
