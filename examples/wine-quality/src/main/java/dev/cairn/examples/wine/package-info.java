/**
 * The wine-quality demo pipeline in Java: {@link dev.cairn.examples.wine.Process} splits the UCI
 * red-wine data into features and target and into train and test; {@link dev.cairn.examples.wine.Train}
 * fits a standard scaler and an SVM (LibSVM) with a grid search over kernel, C and gamma under
 * stratified k-fold cross-validation; {@link dev.cairn.examples.wine.Evaluate} scores the model on the
 * test split and logs accuracy, per-class metrics and the confusion matrix through cairn-live.
 *
 * <p>Each stage is a {@code main} that takes the path of {@code params.yaml}; paths inside it are
 * relative to the working directory, as DVC runs stages. The logic sits in small classes that the
 * tests call directly.
 */
package dev.cairn.examples.wine;
