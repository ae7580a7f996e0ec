package dev.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SpooledOutputTest {
  private final List<byte[]> published = new ArrayList<>();
  private final List<Path> files = new ArrayList<>();

  private SpooledOutput spool(int limit) {
    return new SpooledOutput(limit) {
      @Override
      protected void publish(Spool spool) throws IOException {
        if (spool.file() != null) {
          files.add(spool.file());
          published.add(Files.readAllBytes(spool.file()));
        } else {
          published.add(spool.bytes());
        }
        assertThat(published.get(0)).hasSize((int) spool.size());
      }
    };
  }

  @Test
  void smallContentStaysInMemory() throws IOException {
    try (SpooledOutput out = spool(100)) {
      out.write(new byte[] {1, 2, 3});
    }
    assertThat(published).singleElement().isEqualTo(new byte[] {1, 2, 3});
    assertThat(files).isEmpty();
  }

  @Test
  void largeContentSpillsToATempFileThatIsDeletedAfterwards() throws IOException {
    byte[] data = new byte[10_000];
    new Random(1).nextBytes(data);
    try (SpooledOutput out = spool(1000)) {
      out.write(data, 0, 500);
      out.write(data, 500, 9500);
    }
    assertThat(published).singleElement().isEqualTo(data);
    assertThat(files).singleElement().satisfies(f -> assertThat(Files.exists(f)).isFalse());
  }

  @Test
  void abortPublishesNothing() throws IOException {
    SpooledOutput out = spool(10);
    out.write(new byte[100]);
    out.abort();
    out.close();
    assertThat(published).isEmpty();
    assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
  }
}
