package dev.cairn.workspace;

import java.io.IOException;

/** A {@code .dvc} file is malformed; the message names the file and the key. */
public class InvalidDvcFileException extends IOException {
  public InvalidDvcFileException(String message) {
    super(message);
  }
}
