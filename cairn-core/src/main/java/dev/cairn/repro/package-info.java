/**
 * {@code repro}: runs the stages of {@code dvc.yaml} pipelines with DVC 3's semantics (reference
 * §6.2, §6.4). {@link dev.cairn.repro.Reproducer} plans the stages with the pipeline package's DAG,
 * decides per stage whether it must run (changed command, deps, params, outs, frozen,
 * always_changed, callback stages, {@code --force}), restores outputs from the run-cache instead of
 * running when it can, runs each command line through {@code $SHELL -c} and records the result:
 * outputs committed to the cache, a run-cache entry, and the stage's {@code dvc.lock} entry written
 * after each stage.
 *
 * <p>Stages run on up to {@code jobs} threads; a stage starts when all its upstream stages in the
 * plan have finished. {@code dvc.lock} is updated in plan order, under one monitor, so a parallel run
 * leaves the same bytes as a serial one. Nothing here prints: messages and command output go to a
 * {@link dev.cairn.repro.ReproListener}.
 *
 * <p>Errors: invalid pipelines and inputs are {@code CairnException}s of kind {@code INVALID_INPUT}
 * (mostly {@link dev.cairn.pipeline.PipelineException}); a failed stage is a
 * {@link dev.cairn.repro.StageFailedException} (kind {@code FAILED}) thrown once the run is over.
 * Arguments and results are non-null unless stated otherwise.
 */
package dev.cairn.repro;
