package dev.cairn.revision;

import java.io.IOException;

/**
 * Finds the metrics and params files a revision declares in its {@code dvc.yaml} files. Plug the
 * full pipeline parser in here; {@link DvcYamlScan} is a minimal stand-in.
 */
@FunctionalInterface
public interface ProjectFilesLocator {
  /**
   * @throws IOException when the revision's pipeline files cannot be read or parsed; the revision
   *     then reports an error instead of data
   */
  ProjectFiles locate(RevisionFiles files) throws IOException;
}
