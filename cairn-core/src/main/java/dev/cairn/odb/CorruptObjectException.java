package dev.cairn.odb;

import java.io.IOException;

/** A cache object's bytes do not match its name, or a manifest is malformed or unsafe. */
public class CorruptObjectException extends IOException {
  public CorruptObjectException(String message) {
    super(message);
  }
}
