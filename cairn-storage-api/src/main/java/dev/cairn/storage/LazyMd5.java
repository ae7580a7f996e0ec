package dev.cairn.storage;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * An MD5 that decides where to run by how much it is fed: up to {@link #THRESHOLD} bytes are kept
 * and hashed by the JDK at {@link #digest()}; past that, the digest moves to {@link OpenSslMd5} (when
 * available, else the JDK's), which is then fed the kept bytes and everything after. The choice is
 * made anew after each digest or reset.
 */
final class LazyMd5 extends MessageDigest {
  static final int THRESHOLD = 1 << 20;
  private static final byte[] NONE = new byte[0];

  private MessageDigest delegate;
  private byte[] head = NONE;
  private int headLength;

  LazyMd5() {
    super("MD5");
  }

  @Override
  protected int engineGetDigestLength() {
    return 16;
  }

  @Override
  protected void engineUpdate(byte input) {
    engineUpdate(new byte[] {input}, 0, 1);
  }

  @Override
  protected void engineUpdate(byte[] input, int offset, int len) {
    if (delegate == null && !keep(len)) {
      delegate = committed();
    }
    if (delegate != null) {
      delegate.update(input, offset, len);
    } else {
      System.arraycopy(input, offset, head, headLength, len);
      headLength += len;
    }
  }

  @Override
  protected void engineUpdate(ByteBuffer input) {
    int len = input.remaining();
    if (delegate == null && !keep(len)) {
      delegate = committed();
    }
    if (delegate != null) {
      delegate.update(input);
    } else {
      input.get(head, headLength, len);
      headLength += len;
    }
  }

  /** Makes room for {@code len} more kept bytes; false when they would pass the threshold. */
  private boolean keep(int len) {
    long need = (long) headLength + len;
    if (need > THRESHOLD) {
      return false;
    }
    if (need > head.length) {
      head = Arrays.copyOf(head, (int) Math.min(THRESHOLD, Math.max(need, Math.max(8192, 2L * head.length))));
    }
    return true;
  }

  /** The digest this one runs in from now on, already fed the kept bytes. */
  private MessageDigest committed() {
    MessageDigest d = OpenSslMd5.available() ? new OpenSslMd5() : Md5.jdk();
    d.update(head, 0, headLength);
    head = NONE;
    headLength = 0;
    return d;
  }

  @Override
  protected byte[] engineDigest() {
    byte[] out;
    if (delegate != null) {
      out = delegate.digest();
    } else {
      MessageDigest d = Md5.jdk();
      d.update(head, 0, headLength);
      out = d.digest();
    }
    engineReset();
    return out;
  }

  @Override
  protected void engineReset() {
    delegate = null;
    headLength = 0;
    if (head.length > 65536) {
      head = NONE;
    }
  }
}
