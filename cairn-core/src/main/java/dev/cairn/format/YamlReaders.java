package dev.cairn.format;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;

/**
 * Text for SnakeYAML Engine that never ends a full read on a high surrogate.
 *
 * <p>SnakeYAML Engine's {@code StreamReader} reads its 1,025-char buffer full and, when the last
 * char is a high surrogate, reads one char more past the end of that buffer: a surrogate pair (an
 * emoji, say) that starts at the 1,025th char of a window fails with an {@code
 * IndexOutOfBoundsException} instead of parsing (found by fuzzing {@code cairn.yaml}). This reader
 * holds such a char back for the next read, so a pair always arrives whole in one window.
 */
public final class YamlReaders {
  private YamlReaders() {}

  /**
   * The text as a reader SnakeYAML Engine's {@code loadFromReader}/{@code composeReader} can take
   * without the surrogate fault.
   *
   * @param text the whole YAML text
   * @return a reader over {@code text}
   */
  public static Reader of(String text) {
    return new SurrogateSafe(new StringReader(text));
  }

  /** Holds back a high surrogate that would end a read which filled the caller's whole request. */
  static final class SurrogateSafe extends FilterReader {
    private int held = -1;

    SurrogateSafe(Reader in) {
      super(in);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      int n = 0;
      if (held >= 0) {
        buf[off] = (char) held;
        held = -1;
        n = 1;
      }
      if (n < len) {
        int r = in.read(buf, off + n, len - n);
        if (r < 0) {
          return n == 0 ? -1 : n;
        }
        n += r;
      }
      if (n == len && n > 1 && Character.isHighSurrogate(buf[off + n - 1])) {
        held = buf[off + n - 1];
        n--;
      }
      return n;
    }

    @Override
    public int read() throws IOException {
      if (held >= 0) {
        int c = held;
        held = -1;
        return c;
      }
      return in.read();
    }

    @Override
    public boolean ready() throws IOException {
      return held >= 0 || in.ready();
    }

    @Override
    public long skip(long n) throws IOException {
      if (n <= 0) {
        return 0;
      }
      if (held >= 0) {
        held = -1;
        return 1 + in.skip(n - 1);
      }
      return in.skip(n);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
