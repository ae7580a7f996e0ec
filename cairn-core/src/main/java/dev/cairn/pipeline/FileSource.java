package dev.cairn.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the parser reads the files a {@code dvc.yaml} refers to for templating ({@code params.yaml}
 * and {@code vars} files): the workspace, or a Git revision.
 */
@FunctionalInterface
public interface FileSource {
  /** The workspace: files on disk. */
  FileSource DISK = path -> {
    try {
      return Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
    } catch (NoSuchFileException e) {
      return null;
    }
  };

  /**
   * The bytes of {@code path} (absolute and normalised, under the directory given to the parser), or
   * null when there is no such file.
   */
  byte[] read(Path path) throws IOException;
}
