/**
 * Model checks for unit tests, in the spirit of deepchecks' model suite: does the model beat a
 * trivial baseline, does it lose too much between train and test, do its predictions or the features
 * drift between train and test, and is it fast enough per sample.
 *
 * <p>Every check is generic over a {@link dev.cairn.checks.Predictor}, returns a result record that
 * implements {@link dev.cairn.checks.CheckResult}, and has an {@code assert…} form that throws
 * {@link java.lang.AssertionError} with the measured numbers in its message, so the checks work in
 * JUnit, TestNG or a plain {@code main} alike. The module has no dependencies.
 *
 * <pre>{@code
 * BaselineCheck.assertBeatsMajorityClass(model, train, test, 0.05);
 * TrainTestGapCheck.assertGapAtMost(model, train, test, Scorer.accuracy(), 0.15);
 * DriftCheck.assertNoPredictionDrift(model, train.inputs(), test.inputs(), DriftCheck.DEFAULT_CRAMERS_V_THRESHOLD);
 * InferenceTimeCheck.assertTimePerSampleAtMost(model, test.inputs(), Duration.ofMillis(1));
 * }</pre>
 *
 * <p>Arguments are never {@code null}; invalid arguments raise {@link java.lang.IllegalArgumentException}.
 */
package dev.cairn.checks;
