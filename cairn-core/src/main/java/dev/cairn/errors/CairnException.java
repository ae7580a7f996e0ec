package dev.cairn.errors;

/**
 * Base of the checked exceptions thrown by the porcelain ({@code dev.cairn.api}). The message is
 * one line for the user: what failed, the file/stage/key involved, and the next step. {@link
 * #kind()} tells the CLI which exit code to use.
 */
public class CairnException extends Exception {
  /** Broad classes of failure; the CLI maps them to exit codes 1, 2 and 3. */
  public enum Kind {
    /** The operation ran and failed (a stage failed, a transfer failed): exit 1. */
    FAILED(1),
    /** Bad usage or invalid input (malformed file, unknown key, bad path): exit 2. */
    INVALID_INPUT(2),
    /** The repository is in a state that forbids the operation (not a repo, locked, dirty): exit 3. */
    UNEXPECTED_STATE(3);

    private final int exitCode;

    Kind(int exitCode) {
      this.exitCode = exitCode;
    }

    /** The exit code of a command that fails this way (the CLI's, and what a CI step reports). */
    public int exitCode() {
      return exitCode;
    }
  }

  private final Kind kind;

  public CairnException(Kind kind, String message) {
    this(kind, message, null);
  }

  public CairnException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** A failure of the operation itself (exit 1). */
  public static CairnException failed(String message, Throwable cause) {
    return new CairnException(Kind.FAILED, message, cause);
  }

  /** A failure of the operation itself (exit 1) with no underlying exception to keep. */
  public static CairnException failed(String message) {
    return new CairnException(Kind.FAILED, message, null);
  }

  /** Invalid input (exit 2). */
  public static CairnException invalidInput(String message) {
    return new CairnException(Kind.INVALID_INPUT, message);
  }

  /** Unexpected repository state (exit 3). */
  public static CairnException unexpectedState(String message) {
    return new CairnException(Kind.UNEXPECTED_STATE, message);
  }
}
