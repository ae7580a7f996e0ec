package dev.cairn.examples.wine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exhaustive search over a {@link HyperparameterGrid} with stratified k-fold cross-validation, as
 * scikit-learn's {@code GridSearchCV}: the scaler is fitted inside each fold, the best mean score wins
 * (ties go to the earlier grid point), and the winner is refitted on all the training data.
 */
public final class GridSearch {
  private GridSearch() {}

  /**
   * The score of one grid point.
   *
   * @param config the hyperparameters
   * @param foldScores the score on each held-out fold
   */
  public record Candidate(SvmConfig config, double[] foldScores) {
    /** Returns the mean of the fold scores. */
    public double meanScore() {
      double sum = 0;
      for (double s : foldScores) {
        sum += s;
      }
      return sum / foldScores.length;
    }
  }

  /**
   * The outcome of a search.
   *
   * @param best the refitted best model
   * @param candidates every grid point with its scores, in grid order
   */
  public record Result(WineModel best, List<Candidate> candidates) {
    /** Copies the candidates. */
    public Result {
      candidates = List.copyOf(candidates);
    }
  }

  /**
   * Runs the search. Grid points are evaluated in parallel; the result does not depend on it.
   *
   * @param folds the number of folds, at least 2
   */
  public static Result run(Dataset train, HyperparameterGrid grid, int folds, Scoring scoring) {
    int[] assignment = StratifiedKFold.assign(train.y(), folds);
    List<SvmConfig> configs = grid.configs();
    List<Candidate> candidates = IntStream.range(0, configs.size()).parallel()
        .mapToObj(i -> evaluate(train, configs.get(i), assignment, folds, scoring))
        .toList();
    Candidate best = candidates.get(0);
    for (Candidate c : candidates) {
      if (c.meanScore() > best.meanScore()) {
        best = c;
      }
    }
    return new Result(WineModel.fit(train, best.config(), best.meanScore()), new ArrayList<>(candidates));
  }

  private static Candidate evaluate(Dataset train, SvmConfig config, int[] assignment, int folds, Scoring scoring) {
    double[] scores = new double[folds];
    for (int f = 0; f < folds; f++) {
      Dataset fitPart = train.select(StratifiedKFold.indices(assignment, f, false));
      Dataset heldOut = train.select(StratifiedKFold.indices(assignment, f, true));
      WineModel model = WineModel.fit(fitPart, config, Double.NaN);
      scores[f] = scoring.score(heldOut.y(), model.predict(heldOut.x()));
    }
    return new Candidate(config, scores);
  }
}
