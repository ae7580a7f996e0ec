package dev.cairn.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ASCII drawing of {@code dag}, on the graph of DVC's own tests. */
class AsciiDagTest {
  /**
   * DVC's tests/unit/command/test_dag.py ({@code test_show_ascii}): a.dvc, b.dvc and stages 1-4.
   * DVC draws it (grandalf's Sugiyama layout) with the same layers and the same order in each: the
   * two .dvc files on top, then 1, the edge from a.dvc to 4, 3 and 2, then 4.
   */
  @Test
  void theGraphOfDvcsTestIsDrawnInTheSameLayersAndOrder() {
    DagRenderer.Graph g = new DagRenderer.Graph(List.of("a.dvc", "b.dvc", "1", "2", "3", "4"),
        List.of(Map.entry("a.dvc", "1"), Map.entry("b.dvc", "2"), Map.entry("a.dvc", "3"), Map.entry("b.dvc", "3"),
            Map.entry("a.dvc", "4"), Map.entry("3", "4")));
    assertThat(DagRenderer.text(g)).isEqualTo("""
         +-------+     +-------+
         | a.dvc |     | b.dvc |
         +-------+     +-------+
            * **         *  *
           *  * **     **    *
           *  *   *   *      *
        +---+  *  +---+     +---+
        | 1 |  *  | 3 |     | 2 |
        +---+  *  +---+     +---+
                *  *
                * *
                * *
               +---+
               | 4 |
               +---+
        """);
  }

  @Test
  void aChainIsAColumnAndComponentsFollowEachOther() {
    DagRenderer.Graph g = new DagRenderer.Graph(List.of("data.dvc", "prepare", "train", "lonely.dvc"),
        List.of(Map.entry("data.dvc", "prepare"), Map.entry("prepare", "train")));
    assertThat(DagRenderer.text(g)).isEqualTo("""
        +----------+
        | data.dvc |
        +----------+
              *
              *
              *
         +---------+
         | prepare |
         +---------+
              *
              *
              *
          +-------+
          | train |
          +-------+
        +------------+
        | lonely.dvc |
        +------------+
        """);
  }

  @Test
  void noStagesNoDrawing() {
    assertThat(DagRenderer.text(new DagRenderer.Graph(List.of(), List.of()))).isEmpty();
  }

  @Test
  void isotonicFitKeepsOrderAndMinimisesSquares() {
    assertThat(AsciiDag.isotonic(new double[] {3, 1, 2}, new double[] {1, 1, 1})).containsExactly(2, 2, 2);
    assertThat(AsciiDag.isotonic(new double[] {1, 2, 3}, new double[] {1, 1, 1})).containsExactly(1, 2, 3);
  }
}
