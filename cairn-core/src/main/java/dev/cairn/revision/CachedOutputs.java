package dev.cairn.revision;

import dev.cairn.odb.ObjectDb;
import java.io.IOException;

/**
 * Reads DVC-tracked outputs (metrics, params or plot files that Git ignores) from the DVC cache.
 * {@link #fromCache} reads them from an object database; tests plug in their own. Given the files Git holds for a revision, it
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
   * Reads from {@code odb}: every output the revision's {@code .dvc} and {@code dvc.lock} files
   * record ({@link RecordedOutputs}) reads as its cached object, and the files of a tracked
   * directory as the objects its {@code .dir} manifest names.
   */
  static CachedOutputs fromCache(ObjectDb odb) {
    return new ObjectDbOutputs(odb);
  }

  /**
   * The cached outputs recorded in the revision whose Git-held files are {@code scmFiles}.
   *
   * @throws IOException when the revision's {@code dvc.lock}/{@code .dvc} files cannot be read at
   *     all; the revision then reports an error
   */
  RevisionFiles forRevision(RevisionFiles scmFiles) throws IOException;
}
