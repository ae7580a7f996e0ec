package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands that read Git: {@code diff}, {@code data status}, {@code install} and its hooks. */
class GitDataCmdsTest {
  static final String FOO = "acbd18db4cc2f85cedef654fccc4a4d8";

  @TempDir
  Path tmp;
  GitDvcRepo repo;

  @BeforeEach
  void setUp() throws Exception {
    repo = GitDvcRepo.create(tmp.resolve("repo"));
  }

  private void add(String... paths) {
    String[] args = new String[paths.length + 1];
    args[0] = "add";
    System.arraycopy(paths, 0, args, 1, paths.length);
    CliRun r = repo.run(args);
    assertThat(r.code()).as(r.err()).isZero();
  }

  @Test
  void diffBetweenCommitsAndWithTheWorkspace() throws Exception {
    repo.write("foo", "foo");
    add("foo");
    String a = repo.commit("foo");
    repo.write("data/a", "aaa");
    repo.write("data/b", "bbb");
    repo.write("foo", "changed");
    add("data", "foo");
    String b = repo.commit("data");

    CliRun text = repo.run("diff", a, b);
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(text.out()).isEqualTo("Added:\n    data/\n    data/a\n    data/b\n\nModified:\n    foo\n\n"
        + "files summary: 2 added, 1 modified\n");
    assertThat(repo.run("diff", a, b, "--json").out()).isEqualTo("{\"added\": [{\"path\": \"data/\"}, {\"path\":"
        + " \"data/a\"}, {\"path\": \"data/b\"}], \"modified\": [{\"path\": \"foo\"}]}\n");
    assertThat(repo.run("diff", a, b, "--json", "--show-hash").out()).contains("{\"path\": \"foo\", \"hash\":"
        + " {\"old\": \"" + FOO + "\", \"new\": \"");
    assertThat(repo.run("diff", a, b, "--md").out()).isEqualTo("| Status   | Path   |\n|----------|--------|\n"
        + "| added    | data/  |\n| added    | data/a |\n| added    | data/b |\n| modified | foo    |\n\n");
    assertThat(repo.run("diff", a, b, "--show-hash").out()).contains("    " + FOO.substring(0, 8) + "..");
    assertThat(repo.run("diff", a, b, "--targets", "data/a", "--json").out())
        .isEqualTo("{\"added\": [{\"path\": \"data/a\"}]}\n");

    // the workspace against HEAD: a rename, a file changed inside the directory, and nothing for equal revisions
    assertThat(repo.run("move", "foo", "baz").code()).isZero();
    repo.write("data/a", "AAA");
    CliRun ws = repo.run("diff", "--json");
    assertThat(ws.out()).isEqualTo("{\"modified\": [{\"path\": \"data/\"}, {\"path\": \"data/a\"}], \"renamed\":"
        + " [{\"path\": {\"old\": \"foo\", \"new\": \"baz\"}}]}\n");
    assertThat(repo.run("diff").out()).isEqualTo("Renamed:\n    foo -> baz\n\nModified:\n    data/\n    data/a\n\n"
        + "files summary: 1 renamed, 1 modified\n");
    assertThat(repo.run("diff", b, b).out()).isEmpty();
    assertThat(repo.run("diff", b, b, "--json").out()).isEqualTo("{}\n");

    // objects recorded at HEAD and missing from the cache
    Files.delete(repo.root.resolve(".dvc/cache/files/md5/47/bce5c74f589f4867dbd57e9ca9f808"));
    CliRun missing = repo.run("diff", "--json");
    assertThat(missing.out()).contains("\"not in cache\": [{\"path\": \"data/a\"}]");
    assertThat(repo.run("diff", "--json", "--hide-missing").out()).doesNotContain("not in cache");

    CliRun bad = repo.run("diff", "nope");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().strip().lines()).hasSize(1);
    assertThat(bad.err()).contains("Unknown Git revision 'nope'");
    CliRun badTarget = repo.run("diff", "--targets", "zzz");
    assertThat(badTarget.code()).isEqualTo(2);
    assertThat(badTarget.err()).contains("'zzz' is not tracked in either revision");
  }

  @Test
  void dataStatusAsDvc() throws Exception {
    assertThat(repo.run("data", "status").out()).isEqualTo("No changes.\n");
    repo.write("foo", "foo");
    repo.write("data/a", "aaa");
    repo.write("data/b", "bbb");
    add("foo", "data");
    CliRun c = repo.run("data", "status");
    assertThat(c.out()).isEqualTo("DVC committed changes:\n  (git commit the corresponding dvc files to update the"
        + " repo)\n        added: data/\n        added: foo\n");
    repo.write("README", "hello\n");
    repo.commit("data");
    assertThat(repo.run("data", "status").out()).isEqualTo("No changes.\n");
    repo.write("README", "changed\n");
    assertThat(repo.run("data", "status").out()).isEqualTo("No changes.\n(there are changes not tracked by dvc, use"
        + " \"git status\" to see)\n");
    repo.commit("readme");
    assertThat(repo.run("data", "status", "--json").out()).isEqualTo("{}\n");
    assertThat(repo.run("data", "status", "--unchanged", "--json").out())
        .isEqualTo("{\"unchanged\": [\"data/\", \"foo\"]}\n");

    repo.write("data/a", "AAA");
    Files.delete(repo.root.resolve("foo"));
    assertThat(repo.run("data", "status", "--json").out())
        .isEqualTo("{\"uncommitted\": {\"modified\": [\"data/\"], \"deleted\": [\"foo\"]}}\n");
    assertThat(repo.run("data", "status", "--granular", "--json").out())
        .isEqualTo("{\"uncommitted\": {\"modified\": [\"data/\", \"data/a\"], \"deleted\": [\"foo\"]}}\n");
    assertThat(repo.run("data", "status").out()).isEqualTo("DVC uncommitted changes:\n  (use \"cairn commit"
        + " <file>...\" to track changes)\n  (use \"cairn checkout <file>...\" to discard changes)\n"
        + "        modified: data/\n        deleted: foo\n");
    assertThat(repo.run("data", "status", "data", "--json").out())
        .isEqualTo("{\"uncommitted\": {\"modified\": [\"data/\"]}}\n");

    Files.delete(repo.root.resolve(".dvc/cache/files/md5/ac/bd18db4cc2f85cedef654fccc4a4d8"));
    assertThat(repo.run("data", "status", "foo", "--json").out())
        .isEqualTo("{\"not_in_cache\": [\"foo\"], \"uncommitted\": {\"deleted\": [\"foo\"]}}\n");
    repo.write("new.txt", "x");
    assertThat(repo.run("data", "status", "--untracked-files", "--json").out()).contains("\"untracked\": [\"new.txt\"]");
    CliRun bad = repo.run("data", "status", "--untracked-files=some");
    assertThat(bad.code()).isEqualTo(2);
  }

  @Test
  void installWritesDvcsHooksAndTheyRunCairn() throws Exception {
    CliRun r = repo.run("install");
    assertThat(r.code()).as(r.err()).isZero();
    for (String h : new String[] {"post-checkout", "pre-commit", "pre-push"}) {
      Path f = repo.root.resolve(".git/hooks/" + h);
      assertThat(Files.readString(f)).isEqualTo("#!/bin/sh\nexec cairn git-hook " + h + " $@\n");
      assertThat(Files.getPosixFilePermissions(f)).contains(PosixFilePermission.OWNER_EXECUTE);
    }
    CliRun again = repo.run("install");
    assertThat(again.code()).isZero();
    assertThat(again.err()).contains("Already installed");

    Files.writeString(repo.root.resolve(".git/hooks/pre-push"), "#!/bin/sh\necho mine\n");
    Files.delete(repo.root.resolve(".git/hooks/pre-commit"));
    CliRun refused = repo.run("install");
    assertThat(refused.code()).isEqualTo(3);
    assertThat(refused.err().strip().lines()).hasSize(1);
    assertThat(refused.err()).contains("Hook 'pre-push' already exists");
    assertThat(repo.root.resolve(".git/hooks/pre-commit")).doesNotExist();

    // the hooks' command: post-checkout restores data after a branch checkout (flag 1) only
    repo.write("foo", "foo");
    add("foo");
    Files.delete(repo.root.resolve("foo"));
    assertThat(repo.run("git-hook", "post-checkout", "old", "new", "0").code()).isZero();
    assertThat(repo.root.resolve("foo")).doesNotExist();
    CliRun co = repo.run("git-hook", "post-checkout", "old", "new", "1");
    assertThat(co.code()).as(co.err()).isZero();
    assertThat(repo.read("foo")).isEqualTo("foo");
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("PRE_COMMIT_CHECKOUT_TYPE", "1");
    Files.delete(repo.root.resolve("foo"));
    assertThat(repo.runWith("", env, "git-hook", "post-checkout").code()).isZero();
    assertThat(repo.read("foo")).isEqualTo("foo");
    repo.write("foo", "changed");
    assertThat(repo.run("git-hook", "pre-commit").out()).contains("modified:").contains("foo");
    Files.createDirectories(tmp.resolve("plain"));
    assertThat(CliRun.in(tmp.resolve("plain"), "git-hook", "pre-push").code()).isZero();
  }

  @Test
  void installUsesTheWrapperAndThePreCommitTool() throws Exception {
    repo.write("cairnw", "#!/bin/sh\n");
    assertThat(repo.run("install").code()).isZero();
    assertThat(repo.read(".git/hooks/pre-push")).isEqualTo("#!/bin/sh\nexec ./cairnw git-hook pre-push $@\n");

    CliRun r = repo.run("install", "--use-pre-commit-tool");
    assertThat(r.code()).as(r.err()).isZero();
    String entry = "- repo: local\n  hooks:\n"
        + "  - id: cairn-pre-commit\n    name: cairn status\n    entry: ./cairnw git-hook pre-commit\n"
        + "    language: system\n    pass_filenames: false\n    stages:\n    - pre-commit\n"
        + "  - id: cairn-pre-push\n    name: cairn push\n    entry: ./cairnw git-hook pre-push\n"
        + "    language: system\n    pass_filenames: false\n    stages:\n    - pre-push\n"
        + "  - id: cairn-post-checkout\n    name: cairn checkout\n    entry: ./cairnw git-hook post-checkout\n"
        + "    language: system\n    pass_filenames: false\n    always_run: true\n    stages:\n    - post-checkout\n";
    assertThat(repo.read(".pre-commit-config.yaml")).isEqualTo("repos:\n" + entry);
    assertThat(repo.run("install", "--use-pre-commit-tool").code()).isZero();
    assertThat(repo.read(".pre-commit-config.yaml")).isEqualTo("repos:\n" + entry);

    String mine = "# my hooks\nrepos:\n- repo: https://example.org/hooks\n  rev: v1\n  hooks:\n  - id: lint\n";
    repo.write(".pre-commit-config.yaml", mine);
    assertThat(repo.run("install", "--use-pre-commit-tool").code()).isZero();
    assertThat(repo.read(".pre-commit-config.yaml")).isEqualTo(mine + entry);
    repo.write(".pre-commit-config.yaml", "repos: 3\n");
    CliRun bad = repo.run("install", "--use-pre-commit-tool");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains(".pre-commit-config.yaml").contains("'repos' list");
  }
}
