package dev.cairn.workspace;

import java.nio.file.Path;
import java.util.Map;

/**
 * One tracked output: where it is recorded and its live entry map (editing the map and writing the
 * owner file updates the record).
 *
 * @param owner the name DVC shows: the {@code .dvc} file's repo-relative path, or a stage name
 * @param file the {@code .dvc} or {@code dvc.lock} file holding the entry
 * @param dvcFile the parsed {@code .dvc} file, or null for lock entries
 * @param entry the output's map
 * @param path the output's absolute path
 */
public record Tracked(String owner, Path file, DvcFile dvcFile, Map<String, Object> entry, Path path) {
  public OutputEntry output() {
    return DvcFile.entry(entry);
  }
}
