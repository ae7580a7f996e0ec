package dev.cairn.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DvcFileTest {
  @TempDir
  Path tmp;

  static final String ADD_TEXT = """
      outs:
      - md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
        size: 6
        nfiles: 2
        hash: md5
        path: data
      """;

  static final String IMPORT_TEXT = """
      md5: 7033ee831f78a4dfec2fc71405516067
      frozen: true
      deps:
      - md5: b6dcab6ccd17ca0a8bf4a215a37d14cc.dir
        size: 11
        nfiles: 2
        hash: md5
        path: remote://workspace/dir
      outs:
      - md5: b6dcab6ccd17ca0a8bf4a215a37d14cc.dir
        size: 11
        nfiles: 2
        hash: md5
        path: dir
      """;

  @Test
  void roundTripsDvcTextsByteForByte() throws Exception {
    for (String text : new String[] {ADD_TEXT, IMPORT_TEXT}) {
      Path f = tmp.resolve("x.dvc");
      Files.writeString(f, text);
      assertThat(DvcFile.read(f).toText()).isEqualTo(text);
    }
  }

  @Test
  void newEntryInDvcOrder() throws Exception {
    DvcFile f = DvcFile.create(tmp.resolve("data.dvc"));
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("path", "data");
    f.outs().add(out);
    DvcFile.setHash(out, new PathHash(dev.cairn.hash.HashInfo.md5("5ea40360f5b4ec688df672a4db9c17d1.dir"), 6, 2, false,
        new dev.cairn.odb.Manifest(java.util.List.of()), java.util.Map.of()));
    assertThat(f.toText()).isEqualTo(ADD_TEXT);
  }

  @Test
  void keepsUserFieldsAndOrderOnRewrite() throws Exception {
    Path p = tmp.resolve("x.dvc");
    Files.writeString(p, "outs:\n- path: foo\n  desc: my data\n  md5: acbd18db4cc2f85cedef654fccc4a4d8\n  size: 3\n  hash: md5\n");
    DvcFile f = DvcFile.read(p);
    DvcFile.setHash(f.outs().get(0), new PathHash(dev.cairn.hash.HashInfo.md5("37b51d194a7513e45b56f6524f2d51f2"), 3, 0,
        true, null, null));
    assertThat(f.toText()).isEqualTo("outs:\n- path: foo\n  desc: my data\n  md5: 37b51d194a7513e45b56f6524f2d51f2\n"
        + "  size: 3\n  hash: md5\n  isexec: true\n");
  }

  @Test
  void refusesMalformedAndUnknownKeys() throws Exception {
    Path p = tmp.resolve("bad.dvc");
    Files.writeString(p, "outs:\n- md5: [unclosed\n");
    assertThatThrownBy(() -> DvcFile.read(p)).isInstanceOf(InvalidDvcFileException.class).hasMessageContaining("bad.dvc")
        .hasMessageContaining("line");
    Files.writeString(p, "outs:\n- path: x\n  colour: red\n");
    assertThatThrownBy(() -> DvcFile.read(p)).hasMessageContaining("unknown key 'colour' in outs[0]");
    Files.writeString(p, "outz: []\n");
    assertThatThrownBy(() -> DvcFile.read(p)).hasMessageContaining("unknown key 'outz'");
    Files.writeString(p, "cmd: echo\n");
    assertThatThrownBy(() -> DvcFile.read(p)).hasMessageContaining("DVC 1.x");
    Files.writeString(p, "outs:\n- path: x\n  md5: nothex\n");
    assertThatThrownBy(() -> DvcFile.read(p)).hasMessageContaining("not an md5");
  }
}
