package dev.cairn.odb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.hash.HashInfo;
import dev.cairn.hash.Hashing;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A .dir manifest is parsed one entry at a time, with caps on its entries and relpath characters. */
class ManifestLimitsTest {
  static final String FOO = "acbd18db4cc2f85cedef654fccc4a4d8";

  @TempDir
  Path tmp;

  @AfterEach
  void clear() {
    System.clearProperty("cairn.manifest.maxEntries");
    System.clearProperty("cairn.manifest.maxRelpathChars");
  }

  static byte[] manifest(int n) {
    List<Manifest.Entry> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      entries.add(new Manifest.Entry("d" + (i % 7) + "/f" + i, FOO));
    }
    return new Manifest(entries).toBytes();
  }

  @Test
  void theDefaultCapIsTenMillionEntries() {
    assertThat(Manifest.maxEntries()).isEqualTo(10_000_000).isEqualTo(Manifest.MAX_ENTRIES);
    assertThat(Manifest.maxRelpathChars()).isEqualTo(1L << 30);
  }

  @Test
  void aManifestOverTheEntryCapIsRefusedWithOneLineNamingIt() throws Exception {
    System.setProperty("cairn.manifest.maxEntries", "1000");
    assertThat(Manifest.parse(manifest(1000), "ok.dir").nfiles()).isEqualTo(1000);
    assertThatThrownBy(() -> Manifest.parse(manifest(1001), "0123456789abcdef0123456789abcdef.dir"))
        .isInstanceOf(CorruptObjectException.class)
        .hasMessageStartingWith("Refusing directory manifest 0123456789abcdef0123456789abcdef.dir: more than 1000"
            + " entries (the limit against hostile manifests;")
        .hasMessageContaining("-Dcairn.manifest.maxEntries=N")
        .satisfies(e -> assertThat(e.getMessage().lines()).hasSize(1));
  }

  @Test
  void manifestsWhoseRelpathsHoldTooManyCharactersAreRefused() throws Exception {
    System.setProperty("cairn.manifest.maxRelpathChars", "100");
    byte[] ok = new Manifest(List.of(new Manifest.Entry("a".repeat(60), FOO), new Manifest.Entry("b".repeat(40), FOO)))
        .toBytes();
    assertThat(Manifest.parse(ok, "ok.dir").nfiles()).isEqualTo(2);
    byte[] over = new Manifest(List.of(new Manifest.Entry("a".repeat(60), FOO), new Manifest.Entry("b".repeat(41), FOO)))
        .toBytes();
    assertThatThrownBy(() -> Manifest.parse(over, "x.dir")).isInstanceOf(CorruptObjectException.class)
        .hasMessage("Refusing directory manifest x.dir: its relpaths hold more than 100 characters"
            + " (the limit against hostile manifests)");
  }

  @Test
  void theCacheRefusesAnOversizedManifestAsInputAndADamagedOneAsCorrupt() throws Exception {
    System.setProperty("cairn.manifest.maxEntries", "1000");
    ObjectDb odb = new ObjectDb(tmp.resolve("cache"), false);
    byte[] big = manifest(5000);
    HashInfo h = HashInfo.md5(Hashing.md5Hex(big) + ".dir");
    odb.insertBytes(h, big);
    assertThatThrownBy(() -> odb.readManifest(h)).isInstanceOf(CorruptObjectException.class)
        .hasMessageStartingWith("Refusing directory manifest " + h.value() + ": more than 1000 entries");
    // the same bytes, damaged after the cap: the hash check still wins (the rest is hashed)
    Path p = odb.path(h);
    p.toFile().setWritable(true);
    byte[] damaged = big.clone();
    damaged[damaged.length - 3] = 'X';
    Files.write(p, damaged);
    assertThatThrownBy(() -> odb.readManifest(h)).isInstanceOf(CorruptObjectException.class)
        .hasMessage("Directory manifest " + h + " in the cache is corrupt");
  }

  @Test
  void ordinaryManifestsReadBackByteForByte() throws Exception {
    ObjectDb odb = new ObjectDb(tmp.resolve("cache"), false);
    String json = "[{\"md5\": \"" + FOO + "\", \"relpath\": \"a\"}, {\"md5\": \"37b51d194a7513e45b56f6524f2d51f2\","
        + " \"relpath\": \"sub/\\u00e9t\\u00e9\"}]";
    byte[] bytes = json.getBytes(StandardCharsets.US_ASCII);
    HashInfo h = HashInfo.md5(Hashing.md5Hex(bytes) + ".dir");
    odb.insertBytes(h, bytes);
    Manifest m = odb.readManifest(h);
    assertThat(m.entries()).extracting(Manifest.Entry::relpath).containsExactly("a", "sub/\u00e9t\u00e9");
    assertThat(m.toBytes()).isEqualTo(bytes);
    assertThat(m.oid()).isEqualTo(h.value());
    byte[] many = manifest(20_000);
    assertThat(Manifest.parse(new ByteArrayInputStream(many), "m.dir").toBytes()).isEqualTo(many);
    // a truncated list and a non-list stay corrupt input, as before
    assertThatThrownBy(() -> Manifest.parse(json.substring(0, 40).getBytes(StandardCharsets.US_ASCII), "t.dir"))
        .hasMessage("Corrupted directory manifest t.dir: not JSON");
    assertThatThrownBy(() -> Manifest.parse(new byte[0], "e.dir")).hasMessageContaining("not a list");
    for (String bad : List.of("[null]", "[1]", "[[]]", "[{\"md5\": null, \"relpath\": \"a\"}]")) {
      assertThatThrownBy(() -> Manifest.parse(bad.getBytes(StandardCharsets.US_ASCII), "b.dir"))
          .as(bad).isInstanceOf(CorruptObjectException.class).hasMessageStartingWith("Corrupted directory manifest b.dir: bad entry");
    }
    assertThat(Manifest.parse("[] trailing".getBytes(StandardCharsets.US_ASCII), "t.dir").nfiles()).isZero();
  }
}
