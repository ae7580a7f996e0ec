package dev.cairn.examples.wine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StratifiedKFoldTest {
  @Test
  void matchesScikitLearnOnASmallCase() {
    // sorted labels 0,0,1,1,1,1 dealt to 2 folds: each fold gets one 0 and two 1s, filled in order.
    assertThat(StratifiedKFold.assign(new int[] {1, 1, 1, 1, 0, 0}, 2)).containsExactly(0, 0, 1, 1, 0, 1);
  }

  @Test
  void keepsClassProportionsOnTheWineData() throws IOException {
    int[] y = Process.loadRaw(Fixtures.RAW, "quality").y();
    int[] folds = StratifiedKFold.assign(y, 3);
    for (int label = 3; label <= 8; label++) {
      int[] perFold = new int[3];
      for (int i = 0; i < y.length; i++) {
        if (y[i] == label) {
          perFold[folds[i]]++;
        }
      }
      assertThat(Arrays.stream(perFold).max().getAsInt() - Arrays.stream(perFold).min().getAsInt())
          .as("spread of class %d over folds", label).isLessThanOrEqualTo(1);
    }
    assertThat(StratifiedKFold.indices(folds, 0, true).length + StratifiedKFold.indices(folds, 0, false).length)
        .isEqualTo(y.length);
  }

  @Test
  void refusesTooFewSamples() {
    assertThatThrownBy(() -> StratifiedKFold.assign(new int[] {1}, 2)).hasMessage("Cannot make 2 folds from 1 samples");
  }
}
