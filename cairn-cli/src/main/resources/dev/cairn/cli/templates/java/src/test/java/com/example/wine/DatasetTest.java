package com.example.wine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
  @TempDir
  Path dir;

  @Test
  void readsFeaturesAndLabelsGoodWineFromQualitySix() throws Exception {
    Path csv = dir.resolve("wine.csv");
    Files.writeString(csv, "alcohol,quality,pH\n9.4,5,3.5\n12.0,6,3.1\n11.2,7,3.3\n");
    Dataset data = Dataset.read(csv);
    assertEquals(List.of("alcohol", "pH"), data.features());
    assertArrayEquals(new double[] {12.0, 3.1}, data.x()[1]);
    assertArrayEquals(new int[] {0, 1, 1}, data.y());
  }

  @Test
  void aCellThatIsNotANumberIsNamedWithItsLine() throws Exception {
    Path csv = dir.resolve("wine.csv");
    Files.writeString(csv, "alcohol,quality\n9.4,5\nlots,6\n");
    var e = assertThrows(IllegalArgumentException.class, () -> Dataset.read(csv));
    assertTrue(e.getMessage().endsWith("wine.csv:3: 'lots' is not a number"), e.getMessage());
  }

  @Test
  void theSplitIsTheSameForTheSameSeedAndKeepsEveryRowOnce() throws Exception {
    Dataset data = Dataset.read(Path.of("data/raw/wine.csv"));
    Dataset.Split a = data.split(0.25, 42);
    Dataset.Split b = data.split(0.25, 42);
    assertEquals(Math.round(data.size() * 0.25), a.test().size());
    assertEquals(data.size(), a.train().size() + a.test().size());
    assertArrayEquals(a.test().x(), b.test().x());
    assertArrayEquals(a.train().y(), b.train().y());
  }
}
