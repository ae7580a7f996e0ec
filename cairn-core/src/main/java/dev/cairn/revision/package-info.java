/**
 * What a revision records and how to read it, from Git or the cache: the one home for reading a
 * project at a revision other than (or as well as) the workspace.
 *
 * <p>{@link dev.cairn.revision.RevisionFiles} is one revision's files by repo-relative path: the
 * workspace ({@link dev.cairn.revision.WorkspaceFiles}) or a Git commit ({@link
 * dev.cairn.revision.GitRevisionFiles}), each layered over the DVC-tracked outputs that Git does not
 * hold, read from the cache ({@link dev.cairn.revision.CachedOutputs#fromCache}). {@link
 * dev.cairn.revision.Revisions} opens them by name and selects them as DVC's {@code brancher} does
 * ({@code -a/-T/-A}). What a revision records: its outputs and stage deps with their hashes ({@link
 * dev.cairn.revision.RecordedOutputs}, for the report's data changes, the cache reader and {@code
 * exp show}), the
 * metrics and params files it declares ({@link dev.cairn.revision.DvcYamlScan}, a lenient reader of
 * historical {@code dvc.yaml} files), and the cache entries of every output across branches, tags
 * and commits ({@link dev.cairn.revision.GitRevisions}, for gc, push, fetch and {@code status -c}).
 *
 * <p>Metrics, plots, experiments and the report read revisions only through this package.
 */
package dev.cairn.revision;
