/**
 * Data registries: reading another repository (DVC or plain Git) at a revision and bringing its
 * data here, as DVC's {@code import}, {@code get}, {@code list} and {@code update} do, and the
 * URL-based {@code import-url}, {@code get-url} and {@code ls-url}.
 *
 * <p>A source repository is cloned once into a per-user clone cache ({@link CloneCache}) and read
 * through JGit at a commit ({@link SourceRepo}); a path in it resolves to Git-tracked files, to
 * outputs its {@code .dvc} files and {@code dvc.lock} record, or to a directory mixing both ({@link
 * SourceTree}). The objects of those outputs come from the source's own remote, named in its
 * committed configuration, or, for an output the source itself imported, from that upstream
 * repository ({@link Registry#materialize}); every download is hash-checked into a cache before anything is
 * placed. {@link ImportStage} writes the {@code .dvc} file DVC writes for an import.
 *
 * <p>Credentials: Git over HTTPS takes a token from the environment or git's credential helper
 * ({@link GitAccess}), SSH the user's keys; remotes take their credentials as the repository's own
 * remotes do. Nothing secret is printed or written to a {@code .dvc} file.
 */
package dev.cairn.registry;
