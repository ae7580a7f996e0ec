package dev.cairn.repro;

/**
 * What happened to one planned stage.
 *
 * @param stage the stage address
 * @param kind the outcome
 * @param exitCode the failing command's exit code for {@link Kind#FAILED} by a command, else null
 * @param detail a one-line reason for {@link Kind#FAILED} and {@link Kind#SKIPPED}, else null
 */
public record StageOutcome(String stage, Kind kind, Integer exitCode, String detail) {
  /** The outcome kinds. */
  public enum Kind {
    /** The commands ran and the stage was recorded. */
    RAN,
    /** Restored from the run-cache (outputs checked out) without running. */
    CACHED,
    /** A frozen stage whose outputs were verified and recorded. */
    VERIFIED,
    /** Nothing changed; not run. */
    UNCHANGED,
    /** {@code --dry}: would have run; the commands were only printed. */
    DRY,
    /** A command failed, or recording the stage failed. */
    FAILED,
    /** Not run because an upstream stage failed or was skipped. */
    SKIPPED,
    /** Not started because the run stopped at a failure (without {@code --keep-going}). */
    NOT_STARTED
  }

  static StageOutcome of(String stage, Kind kind) {
    return new StageOutcome(stage, kind, null, null);
  }

  /** Whether the stage produced a new record ({@link Kind#RAN}, {@link Kind#CACHED} or {@link Kind#VERIFIED}). */
  public boolean reproduced() {
    return kind == Kind.RAN || kind == Kind.CACHED || kind == Kind.VERIFIED;
  }
}
