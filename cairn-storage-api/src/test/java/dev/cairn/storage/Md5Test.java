package dev.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class Md5Test {
  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void rfc1321Vectors() {
    String[][] vectors = {
      {"", "d41d8cd98f00b204e9800998ecf8427e"},
      {"a", "0cc175b9c0f1b6a831c399e269772661"},
      {"abc", "900150983cd24fb0d6963f7d28e17f72"},
      {"message digest", "f96b697d7cb7938d525a2f31aaf161d0"},
      {"12345678901234567890123456789012345678901234567890123456789012345678901234567890",
          "57edf4a22be3c955ac49da2e2107b67a"},
    };
    for (String[] v : vectors) {
      byte[] in = v[0].getBytes(StandardCharsets.US_ASCII);
      assertThat(hex(Md5.of(in, 0, in.length))).as(v[0]).isEqualTo(v[1]);
      assertThat(hex(Md5.newDigest().digest(in))).as(v[0]).isEqualTo(v[1]);
    }
  }

  @Test
  void nativeDigestIsUsedOnLinuxWithLibcrypto() {
    assumeTrue(System.getProperty("os.name").startsWith("Linux"));
    assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu/libcrypto.so.3")));
    assertThat(Md5.isNative()).isTrue();
    assertThat(new OpenSslMd5().digest("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(Md5.jdk().digest("abc".getBytes(StandardCharsets.US_ASCII)));
  }

  /** Both the kept-bytes path and the native one, on either side of the threshold and across it. */
  @Test
  void nativeDigestMatchesTheJdkDirectly() {
    assumeTrue(Md5.isNative());
    Random r = new Random(7);
    for (int size : new int[] {0, 1, 65535, 65536, 65537, 1 << 20, 5_000_001}) {
      byte[] data = new byte[size];
      r.nextBytes(data);
      MessageDigest md = new OpenSslMd5();
      md.update(data, 0, size / 3);
      md.update(data, size / 3, size - size / 3);
      assertThat(hex(md.digest())).as("native %d", size).isEqualTo(hex(Md5.jdk().digest(data)));
    }
  }

  /** Every way of feeding bytes gives the JDK's digest: slices, single bytes, heap and direct buffers, resets. */
  @Test
  void matchesTheJdkHowEverTheBytesArrive() {
    Random r = new Random(42);
    for (int size : new int[] {0, 1, 63, 64, 65, 4096, 65535, 65536, 65537, 200_001, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20}) {
      byte[] data = new byte[size];
      r.nextBytes(data);
      String want = hex(Md5.jdk().digest(data));

      MessageDigest sliced = Md5.newDigest();
      int off = 0;
      while (off < size) {
        int n = Math.min(size - off, 1 + r.nextInt(100_000));
        sliced.update(data, off, n);
        off += n;
      }
      assertThat(hex(sliced.digest())).as("slices of %d", size).isEqualTo(want);

      if (size <= 4096) {
        MessageDigest bytes = Md5.newDigest();
        for (byte b : data) {
          bytes.update(b);
        }
        assertThat(hex(bytes.digest())).as("bytes of %d", size).isEqualTo(want);
      }

      ByteBuffer direct = ByteBuffer.allocateDirect(size + 10);
      direct.position(5);
      direct.put(data);
      direct.flip().position(5);
      MessageDigest d = Md5.newDigest();
      d.update(direct);
      assertThat(direct.remaining()).isZero();
      assertThat(hex(d.digest())).as("direct %d", size).isEqualTo(want);

      ByteBuffer heap = ByteBuffer.wrap(data);
      assertThat(hex(Md5.of(heap))).as("heap %d", size).isEqualTo(want);

      // a digest resets the instance; reset() drops what was fed
      d.update(new byte[] {1, 2, 3});
      d.reset();
      d.update(data);
      assertThat(hex(d.digest())).as("after reset %d", size).isEqualTo(want);
      assertThat(hex(d.digest(data))).as("reused %d", size).isEqualTo(want);
    }
  }

  /** A digest made for a known size gives the same bytes whichever side of the threshold it runs on. */
  @Test
  void sizedDigestsMatchTheJdk() {
    Random r = new Random(13);
    for (int size : new int[] {0, 5, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20}) {
      byte[] data = new byte[size];
      r.nextBytes(data);
      MessageDigest md = Md5.newDigest(size);
      md.update(data);
      assertThat(hex(md.digest())).as("sized %d", size).isEqualTo(hex(Md5.jdk().digest(data)));
      if (size > (1 << 20) && Md5.isNative()) {
        assertThat(Md5.newDigest(size)).isInstanceOf(OpenSslMd5.class);
      }
    }
    assertThat(Md5.newDigest(-1)).isInstanceOf(LazyMd5.class);
    assertThat(Md5.newDigest(10)).isNotInstanceOf(OpenSslMd5.class).isNotInstanceOf(LazyMd5.class);
  }

  @Test
  void instancesOnManyThreadsDoNotShareState() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          byte[] data = new byte[100_000 + seed * 1000];
          new Random(seed).nextBytes(data);
          MessageDigest md = Md5.newDigest();
          for (int off = 0; off < data.length; off += 7000) {
            md.update(data, off, Math.min(7000, data.length - off));
          }
          return MessageDigest.isEqual(md.digest(), Md5.jdk().digest(data));
        }));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }
}
