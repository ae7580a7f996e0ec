package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import picocli.CommandLine;

/** A Git repository with {@code cairn init} run in it, for CLI tests: write files, run commands, commit. */
final class GitDvcRepo {
  final Path root;
  private int commits;

  private GitDvcRepo(Path root) {
    this.root = root;
  }

  /** {@code git init} (branch main) and {@code cairn init} in {@code root}, and a first commit. */
  static GitDvcRepo create(Path root) throws Exception {
    Files.createDirectories(root);
    try (Git g = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call()) {
      // nothing else: the CLI's init stages its files
    }
    GitDvcRepo r = new GitDvcRepo(root);
    assertThat(r.run("init").code()).isZero();
    r.commit("init");
    return r;
  }

  CliRun run(String... args) {
    return CliRun.in(root, args);
  }

  /** Runs the CLI with {@code stdin} as standard input and {@code env} as the environment. */
  CliRun runWith(String stdin, Map<String, String> env, String... args) {
    return inWith(root, stdin, env, args);
  }

  static CliRun inWith(Path dir, String stdin, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
    all.addAll(List.of(args));
    String[] a = all.toArray(String[]::new);
    CommandLine cl = CliContext.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), false, env, a);
    ((RootCommand) cl.getCommand()).in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code = cl.execute(a);
    return new CliRun(code, out.toString(), err.toString());
  }

  void write(String rel, String text) throws Exception {
    CliRun.write(root, rel, text);
  }

  String read(String rel) throws Exception {
    return CliRun.read(root, rel);
  }

  boolean exists(String rel) {
    return Files.exists(root.resolve(rel));
  }

  /** {@code git add -A} and a commit at a fixed time; returns the commit id. */
  String commit(String message) throws Exception {
    try (Git g = Git.open(root.toFile())) {
      g.add().addFilepattern(".").call();
      g.add().addFilepattern(".").setUpdate(true).call();
      PersonIdent who = new PersonIdent("t", "t@example.com", new Date(1_700_000_000_000L + 60_000L * commits++),
          TimeZone.getTimeZone("UTC"));
      return g.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getId().name();
    }
  }
}
