package dev.cairn.metrics;

import java.io.IOException;

/**
 * Reads DVC-tracked outputs (metrics, params or plot files that Git ignores) from the DVC cache.
 * The caller implements it over the object database: given the files Git holds for a revision, it
 * reads that revision's {@code dvc.lock} and {@code *.dvc} entries and returns a view in which each
 * recorded output path (files, and the files inside tracked directories through their {@code .dir}
 * manifest) reads as the cached object's bytes, and every other path reads as missing. An object
 * absent from the cache also reads as missing, which becomes a per-file error, never an exception.
 */
@FunctionalInterface
public interface CachedOutputs {
  /** Reads nothing from any cache. */
  CachedOutputs NONE = scmFiles -> RevisionFiles.EMPTY;

  /**
   * The cached outputs recorded in the revision whose Git-held files are {@code scmFiles}.
   *
   * @throws IOException when the revision's {@code dvc.lock}/{@code .dvc} files cannot be read at
   *     all; the revision then reports an error
   */
  RevisionFiles forRevision(RevisionFiles scmFiles) throws IOException;
}
