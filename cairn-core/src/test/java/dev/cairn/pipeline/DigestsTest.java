package dev.cairn.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.hash.EntryHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference §10.3 (S1-S7) and §10.4 (R1-R4) vectors. */
class DigestsTest {
  static String md5(String content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8)));
  }

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void s1ImportUrlStage() {
    String dir = "b6dcab6ccd17ca0a8bf4a215a37d14cc.dir";
    Map<String, Object> dump = map(
        "frozen", true,
        "deps", List.of(map("path", "remote://workspace/dir", "hash", "md5", "md5", dir, "size", 11, "nfiles", 2)),
        "outs", List.of(map("path", "dir", "hash", "md5", "md5", dir, "size", 11, "nfiles", 2)));
    assertThat(Digests.stageMd5(dump)).isEqualTo("7033ee831f78a4dfec2fc71405516067");
  }

  @Test
  void s2AndS3StageDump() {
    Map<String, Object> dump = map("cmd", "mycmd",
        "outs", List.of(map("path", "a", "md5", "123456789")),
        "deps", List.of(map("path", "b", "md5", "987654321")));
    assertThat(Digests.stageMd5(dump)).isEqualTo("e9521a22111493406ea64a88cda63e0b");
    Map<String, Object> withDot = new LinkedHashMap<>(dump);
    withDot.put("wdir", ".");
    withDot.put("meta", map("some", "value"));
    assertThat(Digests.stageMd5(withDot)).isEqualTo("e9521a22111493406ea64a88cda63e0b");
    Map<String, Object> up = new LinkedHashMap<>(dump);
    up.put("wdir", "..");
    assertThat(Digests.stageMd5(up)).isEqualTo("2ceba15e87f6848aa756502c1e6d24e9");
  }

  @Test
  void s4AnnotationsAreNotHashed() {
    Map<String, Object> dump = map("desc", "top desc", "meta", map("key", "value"),
        "outs", List.of(map("path", "foo", "hash", "md5", "md5", "d3b07384d113edec49eaa6238ad5ff00", "size", 4,
            "desc", "foo desc", "type", "mytype", "labels", List.of("get-started"), "meta", map("a", 1))));
    assertThat(Digests.stageMd5(dump)).isEqualTo("cde267b60ef5a00e9a35cc1999ab83a3");
  }

  @Test
  void s5LegacyDictMd5() {
    Map<String, Object> d = map("cmd", "python code.py foo file1", "locked", "true",
        "outs", List.of(map("path", "file1", "metric", map("type", "raw"), "cache", false,
            "md5", "acbd18db4cc2f85cedef654fccc4a4d8")),
        "deps", List.of(map("path", "foo", "md5", "acbd18db4cc2f85cedef654fccc4a4d8"),
            map("path", "code.py", "md5", "d05447644b89960913c7eee5fd776adb")));
    assertThat(Digests.dictMd5(d, List.of("metric", "locked"))).isEqualTo("8b263fa05ede6c3145c164829be694b4");
  }

  @Test
  void s6AndS7DictSha256() throws Exception {
    assertThat(md5("dep")).isEqualTo("2254342becceafbd04538e0a38696791");
    // the out hash is a literal of DVC's test (it is md5 of "content\n"), not computed from a file
    Map<String, Object> d = map("cmd", "echo content > out", "deps", map("dep", md5("dep")),
        "outs", map("out", "f75b8179e4bbe7e2b4a074dcef62de95"));
    assertThat(Digests.dictSha256(d, List.of()))
        .isEqualTo("f472eda60f09660a4750e8b3208cf90b3a3b24e5f42e0371d829710e9464d74a");
    d.put("outs", List.of("out"));
    assertThat(Digests.dictSha256(d, List.of()))
        .isEqualTo("a239b67073bd58affcdb81fff3305d1726c6e7f9c86f3d4fca0e92e8147dc7b0");
  }

  static final String SCRIPT = "open(\"out\", \"w+\").write(\"out\"); ";
  /** {@code COPY_SCRIPT} of DVC's {@code dvc/testing/scripts.py}. */
  static final String COPY_SCRIPT = "\nimport os\nimport shutil\nimport sys\n\nif os.path.isfile(sys.argv[1]):\n"
      + "    shutil.copyfile(sys.argv[1], sys.argv[2])\nelse:\n    shutil.copytree(sys.argv[1], sys.argv[2])\n";

  static LockItem item(String path, String content) throws Exception {
    return LockItem.of(path, EntryHash.md5(md5(content), content.length()));
  }

  @Test
  void r1FileDeps() throws Exception {
    LockEntry e = LockEntry.of("python script.py", List.of(item("script.py", SCRIPT), item("dep", "dep")),
        Map.of(), List.of(item("out", "out")));
    assertThat(RunCache.key(e)).isEqualTo("c7a85d71de1912c43d9c5b6218c71630d6277e8fc11e4ccf5e12b3c202234838");
    assertThat(RunCache.value(e)).isEqualTo("5e2824029f8da9ef6c57131a638ceb65f27c02f16c85d71e85671c27daed0501");
    assertThat(RunCache.relativePath(RunCache.key(e), RunCache.value(e)))
        .isEqualTo("runs/c7/c7a85d71de1912c43d9c5b6218c71630d6277e8fc11e4ccf5e12b3c202234838/"
            + "5e2824029f8da9ef6c57131a638ceb65f27c02f16c85d71e85671c27daed0501");
  }

  @Test
  void r2ParamsOnly() throws Exception {
    Map<String, Map<String, Object>> params = new LinkedHashMap<>();
    params.put("myparams.yaml", map("qux", 4L, "baz", 3L));
    params.put("params.yaml", map("foo", 1L, "bar", 2L));
    LockEntry e = LockEntry.of("python script.py", List.of(), params, List.of(item("out", "out")));
    assertThat(RunCache.key(e)).isEqualTo("8fdb377d1b4c0a303b788771b122dfba9bbbbc43f14ce41d35715cf4fea08459");
    assertThat(RunCache.value(e)).isEqualTo("9ce1963a69beb1299800188647cd960b7afff101be19fd46226e32bb8be8ee44");
  }

  @Test
  void r3Wdir() throws Exception {
    LockEntry e = LockEntry.of("python ../script.py", List.of(item("../script.py", SCRIPT), item("../dep", "dep")),
        Map.of(), List.of(item("out", "out")));
    assertThat(RunCache.key(e)).isEqualTo("6ad5cce3347e9e96c77d4353d84e5c8cae8c9151c486c4ea3d3d79e9051800f1");
    assertThat(RunCache.value(e)).isEqualTo("1fa3e1a9f785f8364ad185d62bd0813ce8794afcfc79410e985eac0443cc5462");
  }

  @Test
  void r4CopyScript() throws Exception {
    LockEntry e = LockEntry.of("python copy.py foo bar", List.of(item("foo", "foo"), item("copy.py", COPY_SCRIPT)),
        Map.of(), List.of(item("bar", "foo")));
    assertThat(RunCache.key(e)).isEqualTo("6d4c6de74e7c0d60d2122e2063b4724a8c78a6799def6c7cf5093f45e7f2f3b7");
    assertThat(RunCache.value(e)).isEqualTo("435e34f80692059e79ec53346cbfe29fd9ee65b62f5f06f17f5950ce5a7408ea");
  }

  @Test
  void r1KeyJsonText() throws Exception {
    LockEntry e = LockEntry.of("python script.py", List.of(item("script.py", SCRIPT), item("dep", "dep")),
        Map.of(), List.of(item("out", "out")));
    Map<String, Object> m = new LinkedHashMap<>(e.toMap());
    m.put("outs", List.of("out"));
    assertThat(dev.cairn.format.PyJson.dumps(Digests.filter(m, List.of("size", "nfiles"))))
        .isEqualTo("{\"cmd\": \"python script.py\", \"deps\": [{\"hash\": \"md5\", \"md5\": "
            + "\"2254342becceafbd04538e0a38696791\", \"path\": \"dep\"}, {\"hash\": \"md5\", \"md5\": \""
            + md5(SCRIPT) + "\", \"path\": \"script.py\"}], \"outs\": [\"out\"]}");
  }
}
