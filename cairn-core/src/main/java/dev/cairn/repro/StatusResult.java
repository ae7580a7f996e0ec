package dev.cairn.repro;

import java.util.List;
import java.util.Map;

/**
 * What {@code status} found.
 *
 * @param changes owner → DVC's list of change groups (maps and strings), only changed owners
 * @param hashedBytes bytes read to hash files (0 on a tree nobody touched)
 * @param stateHits state-cache lookups that avoided reading a file
 */
public record StatusResult(Map<String, List<Object>> changes, long hashedBytes, long stateHits) {
  /** Whether nothing changed. */
  public boolean isClean() {
    return changes.isEmpty();
  }
}
