package dev.cairn.registry;

import dev.cairn.api.Cairn;
import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A data registry built in a temp dir, as a team would: a Git work tree with {@code .dvc/}, data
 * added with the porcelain and pushed to a local-directory remote, commits made with JGit.
 */
final class RegistryFixture implements AutoCloseable {
  final Path root;
  final Path remote;
  final Map<String, String> env;
  final Git git;
  private int tick;

  RegistryFixture(Path root, Path remote) throws Exception {
    this.root = root.toAbsolutePath().normalize();
    this.remote = remote == null ? null : remote.toAbsolutePath().normalize();
    Map<String, String> e = new HashMap<>(System.getenv());
    e.put("CAIRN_FSYNC", "0");
    e.put("DVC_GLOBAL_CONFIG_DIR", root.resolveSibling(root.getFileName() + "-global").toString());
    e.put("DVC_SYSTEM_CONFIG_DIR", root.resolveSibling(root.getFileName() + "-system").toString());
    this.env = Map.copyOf(e);
    Files.createDirectories(root);
    git = Git.init().setDirectory(root.toFile()).setInitialBranch("main").call();
    Cairn.init(root).call();
    if (remote != null) {
      Files.writeString(root.resolve(".dvc/config"), "[core]\n    remote = storage\n['remote \"storage\"']\n    url = "
          + this.remote + "\n", StandardCharsets.UTF_8);
    }
  }

  Path write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  void add(String... paths) throws CairnException {
    try (Cairn c = Cairn.open(root, env)) {
      var cmd = c.add();
      for (String p : paths) {
        cmd.addPath(Path.of(p));
      }
      cmd.call();
    }
  }

  void push() throws CairnException {
    try (Cairn c = Cairn.open(root, env)) {
      c.push().call();
    }
  }

  /** Commits everything with a fixed author and clock, so the SHAs are the same on every run. */
  RevCommit commit(String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    PersonIdent who = new PersonIdent("Registry", "registry@example.com",
        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * tick++), ZoneOffset.UTC);
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
  }

  void tag(String name) throws GitAPIException {
    git.tag().setName(name).setAnnotated(false).call();
  }

  @Override
  public void close() {
    git.close();
  }
}
