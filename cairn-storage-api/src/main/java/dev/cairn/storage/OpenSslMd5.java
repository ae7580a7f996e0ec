package dev.cairn.storage;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * MD5 computed by OpenSSL's {@code libcrypto} through its EVP interface, called with JNA's direct
 * mapping. Bytes from Java arrays are copied into a per-thread native staging buffer (one
 * {@code memcpy}, small next to the hash); direct buffers are hashed where they are. Each instance
 * owns one {@code EVP_MD_CTX}, freed when the instance becomes unreachable.
 *
 * <p>Linux only (on macOS an unversioned libcrypto aborts the process by design); the library is
 * looked up as {@code libcrypto.so.3}, then {@code libcrypto.so.1.1}. Nothing here is used until a
 * digest of {@code "abc"} comes out as RFC 1321 says.
 */
final class OpenSslMd5 extends MessageDigest {
  private static final int STAGING = 1 << 16;
  private static final int LENGTH = 16;

  /** The EVP functions, bound to the library by {@link Native#register}. Pointers are passed as longs. */
  static final class Evp {
    private Evp() {}

    static native long EVP_md5();

    static native long EVP_MD_CTX_new();

    static native void EVP_MD_CTX_free(long ctx);

    static native int EVP_DigestInit_ex(long ctx, long type, long engine);

    static native int EVP_DigestUpdate(long ctx, long data, long count);

    static native int EVP_DigestFinal_ex(long ctx, long md, long size);
  }

  /** OpenSSL 3's explicit fetch, which spares each init a lookup; absent from 1.1. */
  static final class Fetch {
    private Fetch() {}

    static native long EVP_MD_fetch(long libctx, String algorithm, long properties);
  }

  private static final class Holder {
    static final long MD = load();
    static final Cleaner CLEANER = MD == 0 ? null : Cleaner.create();
    static final ThreadLocal<Memory> STAGE = ThreadLocal.withInitial(() -> new Memory(STAGING));
  }

  private final long ctx;
  private boolean started;

  OpenSslMd5() {
    super("MD5");
    long c = Evp.EVP_MD_CTX_new();
    if (c == 0) {
      throw new OutOfMemoryError("OpenSSL could not allocate an MD5 context");
    }
    ctx = c;
    Holder.CLEANER.register(this, () -> Evp.EVP_MD_CTX_free(c));
  }

  /** Whether libcrypto was found, bound and passed its self-test. */
  static boolean available() {
    return Holder.MD != 0;
  }

  private static long load() {
    if (!Platform.isLinux() || Native.POINTER_SIZE != 8 || Native.SIZE_T_SIZE != 8
        || "0".equals(System.getenv("CAIRN_NATIVE_MD5")) || "jdk".equals(System.getProperty("cairn.md5"))) {
      return 0;
    }
    for (String name : new String[] {"libcrypto.so.3", "libcrypto.so.1.1"}) {
      try {
        NativeLibrary lib = NativeLibrary.getInstance(name);
        Native.register(Evp.class, lib);
        long md = 0;
        try {
          Native.register(Fetch.class, lib);
          md = Fetch.EVP_MD_fetch(0, "MD5", 0);
        } catch (Throwable noFetch) {
          // OpenSSL 1.1: the static method table
        }
        if (md == 0) {
          md = Evp.EVP_md5();
        }
        if (md != 0 && selfTest(md)) {
          return md;
        }
        return 0;
      } catch (Throwable t) {
        // not this name (or no such library): try the next, then fall back to the JDK
      }
    }
    return 0;
  }

  private static boolean selfTest(long md) {
    long c = Evp.EVP_MD_CTX_new();
    if (c == 0) {
      return false;
    }
    try (Memory m = new Memory(LENGTH)) {
      m.write(0, new byte[] {'a', 'b', 'c'}, 0, 3);
      boolean ok = Evp.EVP_DigestInit_ex(c, md, 0) == 1
          && Evp.EVP_DigestUpdate(c, Pointer.nativeValue(m), 3) == 1
          && Evp.EVP_DigestFinal_ex(c, Pointer.nativeValue(m), 0) == 1;
      return ok && HexFormat.of().formatHex(m.getByteArray(0, LENGTH)).equals("900150983cd24fb0d6963f7d28e17f72");
    } finally {
      Evp.EVP_MD_CTX_free(c);
    }
  }

  private void start() {
    if (!started) {
      check(Evp.EVP_DigestInit_ex(ctx, Holder.MD, 0));
      started = true;
    }
  }

  private static void check(int rc) {
    if (rc != 1) {
      throw new IllegalStateException("OpenSSL's MD5 failed; set CAIRN_NATIVE_MD5=0 to use the JDK's");
    }
  }

  @Override
  protected int engineGetDigestLength() {
    return LENGTH;
  }

  @Override
  protected void engineUpdate(byte input) {
    engineUpdate(new byte[] {input}, 0, 1);
  }

  @Override
  protected void engineUpdate(byte[] input, int offset, int len) {
    start();
    Memory stage = Holder.STAGE.get();
    long address = Pointer.nativeValue(stage);
    while (len > 0) {
      int n = Math.min(len, STAGING);
      stage.write(0, input, offset, n);
      check(Evp.EVP_DigestUpdate(ctx, address, n));
      offset += n;
      len -= n;
    }
  }

  @Override
  protected void engineUpdate(ByteBuffer input) {
    if (!input.isDirect()) {
      super.engineUpdate(input);
      return;
    }
    start();
    int n = input.remaining();
    if (n > 0) {
      long address = Pointer.nativeValue(Native.getDirectBufferPointer(input)) + input.position();
      check(Evp.EVP_DigestUpdate(ctx, address, n));
      input.position(input.limit());
    }
  }

  @Override
  protected byte[] engineDigest() {
    start();
    Memory stage = Holder.STAGE.get();
    check(Evp.EVP_DigestFinal_ex(ctx, Pointer.nativeValue(stage), 0));
    started = false;
    return stage.getByteArray(0, LENGTH);
  }

  @Override
  protected void engineReset() {
    started = false;
  }
}
