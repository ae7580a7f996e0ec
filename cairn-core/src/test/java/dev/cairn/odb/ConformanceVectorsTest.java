package dev.cairn.odb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.format.PyJson;
import dev.cairn.hash.Hashing;
import dev.cairn.progress.NullProgressMonitor;
import dev.cairn.workspace.DvcIgnore;
import dev.cairn.workspace.PathHash;
import dev.cairn.workspace.StateDb;
import dev.cairn.workspace.WorkspaceHasher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every test vector of dvc-format.md §10, byte for byte. */
class ConformanceVectorsTest {
  @TempDir
  Path tmp;

  // §10.1
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "foo|acbd18db4cc2f85cedef654fccc4a4d8", "bar|37b51d194a7513e45b56f6524f2d51f2",
      "data|8d777f385d3dfec8815d20f7496026dc", "file|8c7dd922ad47494fc02c388e12c00eac",
      "something|437b930db84b8079c2dd804a71936b5f", "one|f97c5d29941bfb1b2fdab0874906ab82",
      "two|b8a9f715dbb64fd5c56e7783c6820a61", "text|1cb251ec0d568de6a929b520c4aed8d1",
      "text1|cef7ccd89dacf1ced6f5ec91d759953f", "text2|fe6123a759017e4a2af4a2d19961ed71",
      "new|22af645d1859cb5ca6da0c484f1f37ea", "file_content|7f0b6bb0b7e951b7fd2b2a4a326297e1",
      "new_file_content|86d049de17c76ac44cdcac146042ec9b", "file content|d10b4c3ff123b26dc068d43a8bef2d23",
      "updated file content|6ffba511ce3aa40b8231d1b1f8c5fba5", "modified|9ae73c65f418e6f79ceb4f0e4a4b98d5",
      "'modified, again'|3bcf3b1be3e794a97a5a6b93a005784c", "bar2|224e2539f52203eb33728acd228b4432",
      "1|c4ca4238a0b923820dcc509a6f75849b", "2|c81e728d9d4c2f636f067f89cc14862c"})
  void fileHashes(String content, String md5) throws IOException {
    Path f = tmp.resolve("f");
    Files.writeString(f, content, StandardCharsets.UTF_8);
    assertThat(Hashing.md5File(f)).isEqualTo(md5);
  }

  @Test
  void fileWithNewlineAndEmpty() throws IOException {
    Path f = tmp.resolve("f");
    Files.writeString(f, "foo\n");
    assertThat(Hashing.md5File(f)).isEqualTo("d3b07384d113edec49eaa6238ad5ff00");
    Files.writeString(f, "");
    assertThat(Hashing.md5File(f)).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
  }

  static Map<String, Object> dir(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  static Map<String, Object> numbered(String prefix) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < 10; i++) {
      m.put(i + ".txt", prefix + " " + i);
    }
    return m;
  }

  static Map<String, Object> d13() {
    return dir("foo", "foo", "subdir", numbered("dir1"), "subdir2", numbered("dir2"));
  }

  static Map<String, Object> d14() {
    Map<String, Object> sub = numbered("dir1");
    sub.put("file", "file");
    return dir("foo", "foo", "subdir", sub, "subdir2", numbered("dir2"));
  }

  static Stream<Arguments> dirVectors() {
    Map<String, Object> d5 = dir("foo", "foo", "bar", "bar", "foobar", "foobar");
    Map<String, Object> d6 = new LinkedHashMap<>(d5);
    d6.put("subdir", dir("file", "file"));
    Map<String, Object> d19 = dir("dir_file1", "dir file content");
    Map<String, Object> d20 = new LinkedHashMap<>(d19);
    d20.put("dir_file2", "dir file 2 content");
    Map<String, Object> d25 = dir("subdir", dir("subfoo", "subfoo", "subbar", "subbar"), "foo", "foo", "bar", "bar");
    Map<String, Object> d26 = dir("subdir", dir("subfoo", "subfoo", "subbar", "subbar", "new", "new"), "foo", "foo",
        "bar", "bar");
    return Stream.of(
        Arguments.of("D1", dir("foo", "foo", "bar", "bar"), "5ea40360f5b4ec688df672a4db9c17d1.dir", 6, 2),
        Arguments.of("D2", dir("foo", "foo", "bar", "bar", "subdir", dir("data", "data")), "8761c4e9acad696bee718615e23e22db.dir", 10, 3),
        Arguments.of("D3", dir("data", "data"), "af314506f1622d107e0ed3f14ec1a3b5.dir", 4, 1),
        Arguments.of("D4", dir("foo", "foo", "bar", "bar", "baz", "baz"), "ba75a2162ca9c29acecb7957105a0bc2.dir", 9, 3),
        Arguments.of("D5", d5, "a5beca056acbef9e0013347efdc2b751.dir", 12, 3),
        Arguments.of("D6", d6, "de78e9fff7c3478c6b316bf08437d0f6.dir", 16, 4),
        Arguments.of("D7", dir("foo", "foo", "bar", "bar", "subdir", dir("lorem", "lorem", "ipsum", "ipsum")), "15b0e3c73ad2c748ce206988cb6b7319.dir", 16, 4),
        Arguments.of("D8", dir("bar", "bar", "subdir", dir("lorem", "lorem", "ipsum", "ipsum")), "991ea7d558d320d8817a0798e9c676f1.dir", 13, 3),
        Arguments.of("D9", dir("bar", "bar"), "91aaa9bb58b657d623ef143b195a67e4.dir", 3, 1),
        Arguments.of("D10", dir("foo", "foo", "subdir", dir("lorem", "lorem")), "22a16c9bf84b3068bc2206d88a6b5776.dir", 8, 2),
        Arguments.of("D11", dir("foo", "foo", "subdir", dir("ipsum", "lorem ipsum", "file", "file")), "32f5734ea1a2aa1a067c0c15f0ae5781.dir", 18, 3),
        Arguments.of("D12", dir("foo", "foobar", "subdir", dir("lorem", "lorem")), "49408ac059c76086a3a892129a324b60.dir", 11, 2),
        Arguments.of("D13", d13(), "9899dc38082ee0ec33de077df62a4a12.dir", 123, 21),
        Arguments.of("D14", d14(), "e7531c3930f28a00edc25e6cef91db03.dir", 127, 22),
        Arguments.of("D15", dir("file", "text"), "0dab3fae569586d4c33272e5011605bf.dir", 4, 1),
        Arguments.of("D16", dir("1", "1", "2", "2"), "5fb6b29836c388e093ca0715c872fe2a.dir", 2, 2),
        Arguments.of("D17", dir("1", "1", "2", "two", "3", "3"), "9b5faf37366b3370fd98e3e60ca439c1.dir", 5, 3),
        Arguments.of("D18", dir("1", "1", "3", "3"), "83ae82fb367ac9926455870773ff09e6.dir", 2, 2),
        Arguments.of("D19", d19, "92daf39af116ca2fb245acaeb2ae65f7.dir", 16, 1),
        Arguments.of("D20", d20, "38175ad60f0e58ac94e0e2b7688afd81.dir", 34, 2),
        Arguments.of("D21", dir("file", "text1", "subdir", dir("file2", "text2")), "cb58ee07cb01044db229e4d6121a0dfc.dir", 10, 2),
        Arguments.of("D22", dir("subdir", dir("file2", "text2", "file3", "text1")), "a4ac9c339aacc60b6a3152e362c319c8.dir", 10, 2),
        Arguments.of("D23", dir("foo", "foo", "subdir", dir("foo", "foo")), "c7684c8b3b0d28cf80d5305e2d856bfc.dir", 6, 2),
        Arguments.of("D24", dir("bar", "foo", "subdir", dir("bar", "foo")), "31b36b3ea5f4485e27f10578c47183b0.dir", 6, 2),
        Arguments.of("D25", d25, "1aca2c799df82929bbdd976557975546.dir", 18, 4),
        Arguments.of("D26", d26, "efa5b20d5f935dcc5555b26db6e19b76.dir", 21, 5),
        Arguments.of("D27", dir("one", "one", "two", "two"), "6b18131dc289fd37006705affe961ef8.dir", 6, 2),
        Arguments.of("D28", dir("subdir", dir("file", "file"), "other", "other"), "70922d6bf66eb073053a82f77d58c536.dir", 9, 2),
        Arguments.of("D29", dir("subdir", dir("file", "file")), "d28c9e28591aeb7e303dc6772ffa6f6b.dir", 4, 1),
        Arguments.of("D30", dir("baz", "baz"), "630bd47b538d2a513c7d267d07e0bc44.dir", 3, 1),
        Arguments.of("D31", dir("master", "master", "one", "one", "two", "two"), "839ef9371606817569c1ee0e5f4ed233.dir", 12, 3),
        Arguments.of("D32", dir("file", "file", "subdir", dir("subfile", "subfile")), "b6dcab6ccd17ca0a8bf4a215a37d14cc.dir", 11, 2),
        Arguments.of("D33", dir("foo", "foo", "bar", "bar", ".gitignore", "/foo\n"), "e1d9e8eae5374860ae025ec84cfd85c7.dir", 11, 3),
        Arguments.of("D33w", dir("foo", "foo", "bar", "bar", ".gitignore", "/foo\r\n"), "0d2086760aea091f1504eafc8843bb18.dir", 12, 3),
        Arguments.of("D34", dir("bar", "bar", "baz", "baz contents", ".gitignore", "/baz\n"), "bdb8641831d8fcb03939637e09011c21.dir", 20, 3),
        Arguments.of("D34w", dir("bar", "bar", "baz", "baz contents", ".gitignore", "/baz\r\n"), "2e798234df5f782340ac3ce046f8dfae.dir", 21, 3),
        Arguments.of("empty", dir(), "d751713988987e9331980363e24189ce.dir", 0, 0),
        Arguments.of("order", dir("a-b", "1", "a", dir("b", "2")), "e8790ecdc6ebbe3620e6f953629de583.dir", 2, 2),
        Arguments.of("unicode", dir("B", "w", "a b", "z", "\u00e9", "x", "\ud83d\ude00", "y", "sub", dir("\u00c4.txt", "")),
            "41cf491c5cafb212890f48357fad1468.dir", 4, 5));
  }

  @SuppressWarnings("unchecked")
  static void materialise(Path dir, Map<String, Object> spec) throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<String, Object> e : spec.entrySet()) {
      Path p = dir.resolve(e.getKey());
      if (e.getValue() instanceof Map<?, ?> m) {
        materialise(p, (Map<String, Object>) m);
      } else {
        Files.writeString(p, (String) e.getValue(), StandardCharsets.UTF_8);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dirVectors")
  void directoryHashes(String name, Map<String, Object> spec, String oid, long size, int nfiles) throws IOException {
    Path d = tmp.resolve("repo").resolve("dir");
    materialise(d, spec);
    WorkspaceHasher h = new WorkspaceHasher(tmp.resolve("repo"), StateDb.disabled(), new DvcIgnore(tmp.resolve("repo")));
    PathHash ph = h.hashDir(d, NullProgressMonitor.INSTANCE);
    assertThat(ph.hash().value()).isEqualTo(oid);
    assertThat(ph.size()).isEqualTo(size);
    assertThat(ph.nfiles()).isEqualTo(nfiles);
    assertThat(Hashing.md5Hex(ph.manifest().toBytes()) + ".dir").isEqualTo(oid);
  }

  @Test
  void d1ManifestBytesExactly() {
    Manifest m = new Manifest(List.of(new Manifest.Entry("foo", "acbd18db4cc2f85cedef654fccc4a4d8"),
        new Manifest.Entry("bar", "37b51d194a7513e45b56f6524f2d51f2")));
    assertThat(new String(m.toBytes(), StandardCharsets.US_ASCII)).isEqualTo(
        "[{\"md5\": \"37b51d194a7513e45b56f6524f2d51f2\", \"relpath\": \"bar\"}, "
            + "{\"md5\": \"acbd18db4cc2f85cedef654fccc4a4d8\", \"relpath\": \"foo\"}]");
    assertThat(m.oid()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
  }

  @Test
  void unicodeManifestEscapesAndOrder() {
    Manifest m = new Manifest(List.of(new Manifest.Entry("\ud83d\ude00", "x".repeat(0) + "b".repeat(32)),
        new Manifest.Entry("\u00e9", "a".repeat(32)), new Manifest.Entry("sub/\u00c4.txt", "c".repeat(32)),
        new Manifest.Entry("a b", "d".repeat(32)), new Manifest.Entry("B", "e".repeat(32))));
    String s = new String(m.toBytes(), StandardCharsets.US_ASCII);
    assertThat(s).containsSubsequence("\"B\"", "\"a b\"", "\"sub/\\u00c4.txt\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"");
  }

  @Test
  void escapesDelControlQuotesAndBackslash() {
    StringBuilder sb = new StringBuilder();
    PyJson.quote(sb, "a\"b\\c\n\r\t\b\f\u0001\u007f/");
    assertThat(sb.toString()).isEqualTo("\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0001\\u007f/\"");
  }

  // D35: the manifest key is the hash name; cloud-versioned trees use "etag"
  @Test
  void d35EtagManifest() {
    List<Map<String, String>> entries = List.of(
        Map.of("etag", "acbd18db4cc2f85cedef654fccc4a4d8", "relpath", "bar"),
        Map.of("etag", "acbd18db4cc2f85cedef654fccc4a4d8", "relpath", "foo"));
    assertThat(Hashing.md5Hex(PyJson.dumpsBytes(entries)) + ".dir").isEqualTo("77e8000f532886eef8ee1feba82e9bad.dir");
  }

  // §10.3 digests that only need the JSON rules
  @Test
  void stageDigestS1AndDictDigestsS6S7() throws Exception {
    Map<String, Object> dep = new LinkedHashMap<>();
    dep.put("hash", "md5");
    dep.put("md5", "b6dcab6ccd17ca0a8bf4a215a37d14cc.dir");
    dep.put("path", "remote://workspace/dir");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("hash", "md5");
    out.put("md5", "b6dcab6ccd17ca0a8bf4a215a37d14cc.dir");
    out.put("path", "dir");
    Map<String, Object> s1 = new LinkedHashMap<>();
    s1.put("deps", List.of(dep));
    s1.put("outs", List.of(out));
    assertThat(Hashing.md5Hex(PyJson.dumpsBytes(s1))).isEqualTo("7033ee831f78a4dfec2fc71405516067");

    Map<String, Object> s6 = new LinkedHashMap<>();
    s6.put("cmd", "echo content > out");
    s6.put("deps", Map.of("dep", "2254342becceafbd04538e0a38696791"));
    s6.put("outs", Map.of("out", "f75b8179e4bbe7e2b4a074dcef62de95"));
    assertThat(sha256(PyJson.dumpsBytes(s6))).isEqualTo("f472eda60f09660a4750e8b3208cf90b3a3b24e5f42e0371d829710e9464d74a");
    s6.put("outs", List.of("out"));
    assertThat(sha256(PyJson.dumpsBytes(s6))).isEqualTo("a239b67073bd58affcdb81fff3305d1726c6e7f9c86f3d4fca0e92e8147dc7b0");
  }

  static String sha256(byte[] b) throws Exception {
    return Hashing.hex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
  }

  // §10.5
  @Test
  void textDetection() {
    assertThat(Hashing.isText(new byte[0], 0, 0)).isTrue();
    assertThat(Hashing.isText("text".getBytes(), 0, 4)).isTrue();
    assertThat(Hashing.isText(new byte[] {0, 0, '1'}, 0, 3)).isFalse();
    byte[] pickle = {(byte) 0x80, 4, (byte) 0x95, 0x10, 0, 0, 0, 0, 0, 0, 0, 'x'};
    assertThat(Hashing.isText(pickle, 0, pickle.length)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
      "610d0a620d0a63, c32b2057b9bd62caa835386346177935, 17800212205a0baee12dcf34c0748370",
      "666f6f0d0a, d3b07384d113edec49eaa6238ad5ff00, 2145971cf82058b108229a3a2e3bff35",
      "00610d0a62, 1fdb1911aa51d561efaf8856edb9e8e9, 1fdb1911aa51d561efaf8856edb9e8e9",
      "e697a5e69cace8aa9e0d0a, 987f0b956155c5eaf2ca82bbb1f7dc3e, 987f0b956155c5eaf2ca82bbb1f7dc3e"})
  void legacyDos2Unix(String hexBytes, String legacy, String md5) throws IOException {
    byte[] b = java.util.HexFormat.of().parseHex(hexBytes);
    assertThat(Hashing.dos2unixMd5(new ByteArrayInputStream(b), Hashing.Dos2UnixRule.DVC2)).isEqualTo(legacy);
    assertThat(Hashing.dos2unixMd5(new ByteArrayInputStream(b), Hashing.Dos2UnixRule.DVC3)).isEqualTo(legacy);
    assertThat(Hashing.md5Hex(b)).isEqualTo(md5);
  }

  @Test
  void legacyEqualHashRule() throws IOException {
    assertThat(Hashing.dos2unixMd5(new ByteArrayInputStream("a\nb\nc".getBytes()), Hashing.Dos2UnixRule.DVC2))
        .isEqualTo(Hashing.dos2unixMd5(new ByteArrayInputStream("a\r\nb\r\nc".getBytes()), Hashing.Dos2UnixRule.DVC2));
  }

  /** A CRLF split across the 1 MiB boundary is not normalised (both rules). */
  @Test
  void crlfAcrossChunkBoundaryIsKept() throws IOException {
    byte[] b = new byte[Hashing.CHUNK + 10];
    java.util.Arrays.fill(b, (byte) 'a');
    b[Hashing.CHUNK - 1] = '\r';
    b[Hashing.CHUNK] = '\n';
    byte[] expected = b.clone(); // nothing to normalise: the only CRLF straddles the boundary
    String want = Hashing.md5Hex(expected);
    assertThat(Hashing.dos2unixMd5(new ByteArrayInputStream(b), Hashing.Dos2UnixRule.DVC2)).isEqualTo(want);
    assertThat(Hashing.dos2unixMd5(new ByteArrayInputStream(b), Hashing.Dos2UnixRule.DVC3)).isEqualTo(want);
  }

  /** DVC 2 decides text once per file, DVC 3 per chunk: a binary second chunk tells them apart. */
  @Test
  void dvc2AndDvc3RulesDifferOnLaterBinaryChunk() throws IOException {
    byte[] b = new byte[Hashing.CHUNK + 8];
    java.util.Arrays.fill(b, (byte) 'a');
    b[Hashing.CHUNK] = 0;
    b[Hashing.CHUNK + 1] = '\r';
    b[Hashing.CHUNK + 2] = '\n';
    byte[] dvc2 = new byte[b.length - 1];
    System.arraycopy(b, 0, dvc2, 0, Hashing.CHUNK + 1);
    System.arraycopy(b, Hashing.CHUNK + 2, dvc2, Hashing.CHUNK + 1, b.length - Hashing.CHUNK - 2);
    assertThat(Hashing.dos2unixMd5(new ByteArrayInputStream(b), Hashing.Dos2UnixRule.DVC2)).isEqualTo(Hashing.md5Hex(dvc2));
    assertThat(Hashing.dos2unixMd5(new ByteArrayInputStream(b), Hashing.Dos2UnixRule.DVC3)).isEqualTo(Hashing.md5Hex(b));
  }
}
