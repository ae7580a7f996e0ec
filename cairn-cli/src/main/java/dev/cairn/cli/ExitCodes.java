package dev.cairn.cli;

import dev.cairn.errors.CairnException;
import picocli.CommandLine;

/** Maps exceptions to the process exit codes. */
final class ExitCodes {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final int STATE = 3;
  static final int INTERNAL = 4;

  private ExitCodes() {}

  static int forThrowable(Throwable t) {
    if (t instanceof CommandLine.ParameterException) {
      return USAGE;
    }
    if (t instanceof CairnException ce) {
      return ce.kind().exitCode();
    }
    if (t instanceof ExitException ee) {
      return ee.code();
    }
    return INTERNAL;
  }
}
