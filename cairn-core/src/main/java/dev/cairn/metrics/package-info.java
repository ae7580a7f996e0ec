/**
 * Metrics and params of a DVC project across revisions: what {@code metrics show}, {@code metrics
 * diff} and {@code params diff} compute and print, in DVC 3's shapes.
 *
 * <p>Files come through {@link dev.cairn.metrics.RevisionFiles}, one view per revision: the
 * workspace ({@link dev.cairn.metrics.WorkspaceFiles}), a Git commit ({@link
 * dev.cairn.metrics.GitRevisionFiles}), and DVC-tracked outputs read from the cache through a
 * {@link dev.cairn.metrics.CachedOutputs} that the caller supplies. Which files hold metrics and
 * params comes from a {@link dev.cairn.metrics.ProjectFilesLocator}; {@link
 * dev.cairn.metrics.DvcYamlScan} is a minimal one.
 *
 * <p>Errors: a file that is missing, unreadable or malformed becomes a {@link
 * dev.cairn.metrics.ReadError} value in the result, as DVC's {@code {"error": {"type", "msg"}}};
 * only an unknown revision stops a command ({@link dev.cairn.metrics.UnknownRevisionException}).
 * Results are immutable values and the classes hold no shared state.
 */
package dev.cairn.metrics;
