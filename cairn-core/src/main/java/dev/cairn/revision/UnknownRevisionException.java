package dev.cairn.revision;

import dev.cairn.errors.CairnException;

/** A revision named on the command line does not resolve in the Git repository (exit 2). */
public final class UnknownRevisionException extends CairnException {
  private final String revision;

  public UnknownRevisionException(String revision) {
    super(Kind.INVALID_INPUT, "Unknown Git revision '" + revision
        + "': name a branch, a tag, a commit or 'workspace'");
    this.revision = revision;
  }

  /** The revision as the user wrote it. */
  public String revision() {
    return revision;
  }
}
