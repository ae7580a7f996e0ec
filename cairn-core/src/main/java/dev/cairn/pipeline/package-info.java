/**
 * Pipelines: {@code dvc.yaml} parsing and templating ({@link dev.cairn.pipeline.PipelineParser}), the
 * stage graph and repro planning ({@link dev.cairn.pipeline.Dag}), {@code dvc.lock}
 * ({@link dev.cairn.pipeline.LockFile}), stage digests and run-cache keys
 * ({@link dev.cairn.pipeline.Digests}, {@link dev.cairn.pipeline.RunCache}) and stage status
 * ({@link dev.cairn.pipeline.StatusChecker}). Values are immutable records; nothing here prints.
 *
 * <p>Errors: every invalid input is a checked {@link dev.cairn.pipeline.PipelineException}
 * ({@code CairnException} of kind {@code INVALID_INPUT}) with a one-line message naming the file, line,
 * stage and key; I/O failures stay {@code IOException}. Arguments and results are non-null unless a
 * method says otherwise.
 */
package dev.cairn.pipeline;
