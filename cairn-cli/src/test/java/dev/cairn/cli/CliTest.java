package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI in-process: exit codes, one-line errors, output shapes. */
class CliTest {
  @TempDir
  Path tmp;
  Path repo;

  record Result(int code, String out, String err) {}

  Result run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    String[] full = new String[args.length + 2];
    full[0] = "-C";
    full[1] = repo.toString();
    System.arraycopy(args, 0, full, 2, args.length);
    int code = Main.run(full, new PrintWriter(o, true), new PrintWriter(e, true), false);
    return new Result(code, o.toString(), e.toString());
  }

  @BeforeEach
  void init() throws Exception {
    repo = tmp.resolve("repo");
    Files.createDirectories(repo);
    assertThat(run("init", "--no-scm").code()).isZero();
  }

  @Test
  void addStatusJsonAndText() throws Exception {
    Files.createDirectories(repo.resolve("data"));
    Files.writeString(repo.resolve("data/foo"), "foo");
    Files.writeString(repo.resolve("data/bar"), "bar");
    Result add = run("add", "data", "--json");
    assertThat(add.code()).isZero();
    assertThat(add.out().strip()).isEqualTo("[{\"path\": \"data\", \"dvc_file\": \"data.dvc\", \"md5\": "
        + "\"5ea40360f5b4ec688df672a4db9c17d1.dir\", \"size\": 6, \"nfiles\": 2}]");
    assertThat(run("status").out()).isEqualTo("Data and pipelines are up to date.\n");
    Files.writeString(repo.resolve("data/foo"), "changed");
    assertThat(run("status").out()).isEqualTo("data.dvc:\n\tchanged outs:\n\t\tmodified:           data\n");
    assertThat(run("status", "--json").out().strip())
        .isEqualTo("{\"data.dvc\": [{\"changed outs\": {\"data\": \"modified\"}}]}");
  }

  @Test
  void badInputGetsOneLineAndExitCode() throws Exception {
    Result r = run("add", "missing");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("missing").doesNotContain("Exception").doesNotContain("\tat ");

    Result outside = run("add", tmp.toString());
    assertThat(outside.code()).isEqualTo(2);
    assertThat(outside.err()).contains("outside the repository");

    Result internal = run("add", ".dvc/config");
    assertThat(internal.code()).isEqualTo(2);

    Files.writeString(repo.resolve("bad.dvc"), "outs: [unclosed\n");
    Result malformed = run("status");
    assertThat(malformed.code()).isEqualTo(2);
    assertThat(malformed.err().strip().lines()).hasSize(1);
    assertThat(malformed.err()).contains("bad.dvc").contains("line");

    Files.writeString(repo.resolve("bad.dvc"), "outs:\n- path: x\n  colour: red\n");
    Result unknown = run("status");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown key 'colour'");
    Files.delete(repo.resolve("bad.dvc"));

    Result usage = run("add");
    assertThat(usage.code()).isEqualTo(2);
    Result noSuchCommand = run("frobnicate");
    assertThat(noSuchCommand.code()).isEqualTo(2);
  }

  @Test
  void outsideARepository() throws Exception {
    repo = tmp.resolve("elsewhere");
    Files.createDirectories(repo);
    Result r = run("status");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("Not a DVC/Cairn repository").contains("cairn init");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void reinitNeedsForce() throws Exception {
    assertThat(run("init", "--no-scm").code()).isEqualTo(3);
    assertThat(run("init", "--no-scm", "-f").code()).isZero();
    repo = tmp.resolve("nogit");
    Files.createDirectories(repo);
    Result r = run("init");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("--no-scm");
  }

  @Test
  void configAndRemotes() throws Exception {
    assertThat(run("remote", "add", "-d", "Store", "../store").code()).isZero();
    assertThat(Files.readString(repo.resolve(".dvc/config"))).isEqualTo(
        "[core]\n    no_scm = True\n    remote = store\n['remote \"store\"']\n    url = ../../store\n");
    assertThat(run("remote", "modify", "store", "jobs", "8").code()).isZero();
    assertThat(run("remote", "modify", "--local", "store", "password", "s3cr3t").code()).isZero();
    assertThat(Files.readString(repo.resolve(".dvc/config.local"))).contains("password = s3cr3t");
    assertThat(run("remote", "list").out()).isEqualTo("store\t../../store\n");
    assertThat(run("remote", "default").out()).isEqualTo("store\n");
    assertThat(run("config", "cache.type", "hardlink,copy").code()).isZero();
    assertThat(run("config", "cache.type").out()).isEqualTo("hardlink,copy\n");
    assertThat(Files.readString(repo.resolve(".dvc/config"))).contains("type = \"hardlink,copy\"");
    assertThat(run("remote", "rename", "store", "nas").code()).isZero();
    assertThat(run("remote", "default").out()).isEqualTo("nas\n");
    assertThat(run("remote", "remove", "nas").code()).isZero();
    Result missing = run("remote", "modify", "nope", "url", "x");
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("Remote 'nope' does not exist");
    Result sftp = run("remote", "add", "x", "sftp://host/path");
    assertThat(sftp.code()).isEqualTo(2);
    assertThat(sftp.err()).contains("ssh://");
    assertThat(run("config", "nosuch.key", "1").code()).isEqualTo(2);
    assertThat(run("cache", "dir").out().strip()).isEqualTo(repo.resolve(".dvc/cache").toString());
    assertThat(run("cache", "dir", "../shared-cache").code()).isZero();
    assertThat(Files.readString(repo.resolve(".dvc/config"))).contains("dir = ../../shared-cache");
    assertThat(run("cache", "dir").out().strip()).isEqualTo(tmp.resolve("shared-cache").toString());
  }

  @Test
  void fsckFindsAndQuarantinesCorruptObjects() throws Exception {
    Files.writeString(repo.resolve("a"), "foo");
    assertThat(run("add", "a").code()).isZero();
    assertThat(run("fsck").code()).isZero();
    Path obj = repo.resolve(".dvc/cache/files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8");
    obj.toFile().setWritable(true);
    Files.writeString(obj, "rotten");
    Result r = run("fsck", "--json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).contains("\"corrupt\": [\"acbd18db4cc2f85cedef654fccc4a4d8\"]");
    assertThat(obj).doesNotExist();
    assertThat(repo.resolve(".dvc/cache/quarantine/acbd18db4cc2f85cedef654fccc4a4d8")).exists();
    assertThat(run("fsck").code()).isZero();
  }

  @Test
  void reproPullRestoresOutputsFromTheRemoteInsteadOfRunning() throws Exception {
    Files.writeString(repo.resolve("in.txt"), "input");
    Files.writeString(repo.resolve("dvc.yaml"), "stages:\n  copy:\n    cmd: cp in.txt out.txt && echo ran >> runs.log\n"
        + "    deps:\n    - in.txt\n    outs:\n    - out.txt\n");
    assertThat(run("remote", "add", "-d", "r", tmp.resolve("remote").toString()).code()).isZero();
    assertThat(run("repro").code()).isZero();
    assertThat(run("push").code()).isZero();
    try (var w = Files.walk(repo.resolve(".dvc/cache"))) {
      for (Path x : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
    Files.delete(repo.resolve("out.txt"));
    Result r = run("repro", "--pull");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(repo.resolve("out.txt"))).isEqualTo("input");
    assertThat(Files.readAllLines(repo.resolve("runs.log"))).hasSize(1);
  }
}
