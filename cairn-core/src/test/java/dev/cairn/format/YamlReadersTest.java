package dev.cairn.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A surrogate pair on SnakeYAML Engine's 1,025-char buffer boundary parses (it threw before). */
class YamlReadersTest {
  static String withEmojiAt(int pos) {
    StringBuilder sb = new StringBuilder("k: '");
    while (sb.length() < pos) {
      sb.append('x');
    }
    return sb.append("\uD83D\uDE00").append("'\n").toString();
  }

  @Test
  void aSurrogatePairAcrossEveryBufferBoundaryParsesToTheSameString() throws Exception {
    for (int pos = 1010; pos < 3100; pos++) {
      String text = withEmojiAt(pos);
      Object v = StructuredFiles.parseYaml(text, "params.yaml");
      String expected = text.substring(4, text.length() - 2);
      assertThat(((Map<?, ?>) v).get("k")).as("emoji at %d", pos).isEqualTo(expected);
    }
  }

  @Test
  void theReaderGivesBackEveryCharInOrder() throws Exception {
    String text = "a\uD83D\uDE00b\uD83D\uDE01\uD83D\uDE02c";
    for (int chunk = 1; chunk <= 6; chunk++) {
      StringBuilder got = new StringBuilder();
      try (Reader r = YamlReaders.of(text)) {
        char[] buf = new char[chunk];
        int n;
        while ((n = r.read(buf, 0, chunk)) >= 0) {
          got.append(buf, 0, n);
          if (chunk > 1 && n == chunk) {
            assertThat(Character.isHighSurrogate(buf[n - 1])).as("a full read never ends a pair's first half").isFalse();
          }
        }
      }
      assertThat(got.toString()).as("chunk %d", chunk).isEqualTo(text);
    }
  }
}
