package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn wrapper}: files on stdout, the pinned URL and its origin on stderr, exit codes. */
class WrapperCmdTest {
  @TempDir
  Path tmp;

  record Result(int code, String out, String err) {}

  Result run(Map<String, String> env, String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    String[] full = new String[args.length + 2];
    full[0] = "-C";
    full[1] = tmp.resolve("repo").toString();
    System.arraycopy(args, 0, full, 2, args.length);
    int code = Main.run(full, new PrintWriter(o, true), new PrintWriter(e, true), false, env);
    return new Result(code, o.toString(), e.toString());
  }

  @Test
  void writesTheThreeFilesAndSaysWhatItPinned() throws Exception {
    Files.createDirectories(tmp.resolve("repo"));
    Path maven = tmp.resolve("m2");
    Path dir = Files.createDirectories(maven.resolve("dev/cairn/cairn-dist/3.1.4"));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("cairn-dist-3.1.4.tar.gz")))) {
      out.write("cairn".getBytes(StandardCharsets.UTF_8));
    }
    Result r = run(Map.of("MAVEN_OPTS", "-Dmaven.repo.local=" + maven), "wrapper", "--version", "3.1.4");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("cairnw\ncairnw.cmd\n.cairn/wrapper.properties\n");
    assertThat(r.err()).startsWith("Cairn wrapper: " + maven.toUri() + "dev/cairn/cairn-dist/3.1.4/cairn-dist-3.1.4.tar.gz"
        + " (the local Maven repository " + maven + ")\nSHA-256 ")
        .contains(" (computed from the archive; no .sha256 beside it)\n")
        .endsWith("WARNING: a file: URL works on this machine only; for CI and other clones pin an http(s) URL "
            + "(--repository-url or --distribution-url)\n");
    assertThat(tmp.resolve("repo/cairnw")).isExecutable();
  }

  @Test
  void badInputIsExit2AndAMissingArchiveExit1() throws Exception {
    Files.createDirectories(tmp.resolve("repo"));
    Result bad = run(Map.of(), "wrapper", "--version", "1.0", "--repository-url", "ftp://mirror/m2");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).isEqualTo("ERROR: Repository URL (--repository-url) 'ftp://mirror/m2' must be an http, "
        + "https or file URL\n");
    Result missing = run(Map.of(), "wrapper", "--version", "1.0", "--repository-url", tmp.resolve("empty").toUri().toString());
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err()).startsWith("ERROR: No Cairn distribution at ").contains("is that version published there?");
    try (var s = Files.list(tmp.resolve("repo"))) {
      assertThat(s).isEmpty();
    }
  }
}
