/**
 * Metrics and params of a DVC project across revisions: what {@code metrics show}, {@code metrics
 * diff} and {@code params diff} compute and print, in DVC 3's shapes.
 *
 * <p>Files come through {@link dev.cairn.revision.RevisionFiles}, one view per revision, opened by
 * {@link dev.cairn.revision.Revisions} (the workspace or a Git commit, with DVC-tracked outputs read
 * from the cache). Which files hold metrics and params comes from a {@link
 * dev.cairn.revision.ProjectFilesLocator}; {@link dev.cairn.revision.DvcYamlScan} is the default.
 *
 * <p>Errors: a file that is missing, unreadable or malformed becomes a {@link
 * dev.cairn.metrics.ReadError} value in the result, as DVC's {@code {"error": {"type", "msg"}}};
 * only an unknown revision stops a command ({@link dev.cairn.revision.UnknownRevisionException}).
 * Results are immutable values and the classes hold no shared state.
 */
package dev.cairn.metrics;
