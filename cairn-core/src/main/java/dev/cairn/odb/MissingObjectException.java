package dev.cairn.odb;

import dev.cairn.hash.HashInfo;
import java.io.IOException;

/** A cache object that should be there is not. */
public class MissingObjectException extends IOException {
  private final HashInfo hash;

  public MissingObjectException(HashInfo hash, String message) {
    super(message);
    this.hash = hash;
  }

  public HashInfo hash() {
    return hash;
  }
}
