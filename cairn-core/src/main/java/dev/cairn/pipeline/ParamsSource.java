package dev.cairn.pipeline;

import dev.cairn.format.StructuredFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Current contents of params files (parsed by extension); {@link #FILES} reads the workspace. */
@FunctionalInterface
public interface ParamsSource {
  /** Reads the workspace with {@link StructuredFiles}. */
  ParamsSource FILES = file -> Files.exists(file) ? StructuredFiles.loadMap(file) : null;

  /**
   * The parsed top-level mapping of a params file.
   *
   * @param file absolute path
   * @return the mapping, or null if the file does not exist
   */
  Map<String, Object> load(Path file) throws IOException;
}
