package dev.cairn.api.errors;

import dev.cairn.errors.CairnException;
/** The directory is not inside a DVC/Cairn repository (no {@code .dvc} directory above it). */
public class NotARepositoryException extends CairnException {
  public NotARepositoryException(String message) {
    super(Kind.UNEXPECTED_STATE, message);
  }
}
