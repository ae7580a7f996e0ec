package dev.cairn.storage;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Parsing of remote config values shared by every backend's properties record. Messages name the
 * backend and the key, never the value of a secret (only booleans and numbers are echoed).
 */
public final class RemoteProps {
  private RemoteProps() {}

  /**
   * A boolean key: {@code true/yes/1} or {@code false/no/0}, any case; {@code def} when unset.
   *
   * @param backend the backend's name for messages, e.g. {@code "S3"}
   */
  public static boolean bool(Map<String, String> props, String key, boolean def, String backend) throws StorageException {
    String v = props.get(key);
    if (v == null || v.isBlank()) {
      return def;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new StorageException("Invalid value for " + backend + " remote key '" + key
          + "': expected true or false");
    };
  }

  /** A duration in (possibly fractional) seconds, &gt; 0; null when unset. */
  public static Duration seconds(Map<String, String> props, String key, String backend) throws StorageException {
    String v = props.get(key);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      double s = Double.parseDouble(v.trim());
      if (!(s > 0)) {
        throw new NumberFormatException();
      }
      return Duration.ofMillis((long) (s * 1000));
    } catch (NumberFormatException e) {
      throw new StorageException("Invalid value '" + v.trim() + "' for " + backend + " remote key '" + key
          + "': expected seconds > 0");
    }
  }
}
