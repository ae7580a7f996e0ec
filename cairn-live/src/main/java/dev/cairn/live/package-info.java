/**
 * A small logger for training and evaluation code that writes the files DVCLive writes, so that
 * {@code cairn metrics}, {@code cairn plots} (and DVC itself) read them unchanged.
 *
 * <p>Entry point: {@link dev.cairn.live.Live}. A run directory (by default {@code dvclive/}) gets
 * <ul>
 *   <li>{@code metrics.json}: the latest value of every metric, nested by the {@code /} in its name,
 *       plus {@code step} once {@link dev.cairn.live.Live#nextStep()} has been called;</li>
 *   <li>{@code params.yaml}: the logged parameters;</li>
 *   <li>{@code plots/metrics/<name>.tsv}: one row per logged value ({@code [timestamp\t]step\t<name>});</li>
 *   <li>{@code plots/sklearn/<name>.json}: confusion matrix rows, ROC and precision-recall points.</li>
 * </ul>
 *
 * <p>The module has no dependencies. Every file is replaced atomically (written to a temporary file
 * in the same directory, then renamed). Arguments are never {@code null} unless a method says so;
 * invalid arguments raise {@link java.lang.IllegalArgumentException} or
 * {@link java.lang.NullPointerException}, and I/O failures raise {@link java.io.UncheckedIOException}.
 */
package dev.cairn.live;
