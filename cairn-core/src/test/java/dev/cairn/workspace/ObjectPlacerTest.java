package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import dev.cairn.odb.LinkType;
import dev.cairn.odb.ObjectCopier;
import dev.cairn.odb.ObjectDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placing cache objects in the workspace (moved here from ObjectDbTest with the placement code). */
class ObjectPlacerTest {
  @TempDir
  Path tmp;

  /** A copy into the workspace of an object past the parallel-copy size is whole, in both halves. */
  @Test
  void largeObjectsAreCopiedOutInTwoHalves() throws Exception {
    byte[] data = new byte[(int) ObjectCopier.PARALLEL_COPY_MIN + 3 * 1024 * 1024 + 5];
    new Random(9).nextBytes(data);
    Path src = tmp.resolve("big");
    Files.write(src, data);
    ObjectDb odb = new ObjectDb(tmp.resolve("cache"), false);
    HashInfo h = odb.insertCopy(src, null);
    Path dest = tmp.resolve("ws").resolve("big.bin");
    assertThat(ObjectPlacer.link(odb, h, dest, java.util.List.of(LinkType.COPY), false)).isEqualTo(LinkType.COPY);
    assertThat(Files.size(dest)).isEqualTo(data.length);
    assertThat(Hashing.md5File(dest)).isEqualTo(h.value());
    try (var files = Files.list(dest.getParent())) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("big.bin");
    }
  }
}
