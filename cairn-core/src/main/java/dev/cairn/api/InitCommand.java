package dev.cairn.api;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * {@code init}: creates {@code .dvc/config}, {@code .dvc/.gitignore} and {@code .dvcignore} as
 * {@code dvc init} does, and stages them in Git. Outside a Git repository it needs {@link
 * #setNoScm(boolean) no-scm}; an existing {@code .dvc} needs {@link #setForce(boolean) force}.
 */
public final class InitCommand {
  static final String DVC_GITIGNORE = "/config.local\n/tmp\n/cache\n";
  static final String DVCIGNORE = "# Add patterns of files dvc should ignore, which could improve\n"
      + "# the performance. Learn more at\n"
      + "# https://dvc.org/doc/user-guide/dvcignore\n";

  private final Path dir;
  private boolean noScm;
  private boolean force;
  private boolean called;

  InitCommand(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** Initialise without Git ({@code core.no_scm = True}). */
  public InitCommand setNoScm(boolean noScm) {
    this.noScm = noScm;
    return this;
  }

  /** Re-initialise over an existing {@code .dvc} (its cache and config are removed, as DVC does). */
  public InitCommand setForce(boolean force) {
    this.force = force;
    return this;
  }

  /** The result: the repository root and whether files were staged in Git. */
  public record InitResult(Path root, boolean staged) {}

  public InitResult call() throws CairnException {
    if (called) {
      throw new IllegalStateException("InitCommand can only be called once");
    }
    called = true;
    Path dvcDir = dir.resolve(".dvc");
    try {
      Path gitTop = gitTop();
      if (!noScm && gitTop == null) {
        throw CairnException.unexpectedState(dir + " is not tracked by any supported SCM tool (e.g. Git);"
            + " run 'git init' first, or use '--no-scm'");
      }
      if (!noScm && !gitTop.equals(dir)) {
        throw CairnException.unexpectedState(dir + " is not the top of its Git repository (" + gitTop
            + "); run 'cairn init' there, or use '--no-scm'");
      }
      if (Files.exists(dvcDir)) {
        if (!force) {
          throw CairnException.unexpectedState("'.dvc' exists in " + dir + "; use '-f' to re-initialise");
        }
        deleteTree(dvcDir);
      }
      Files.createDirectories(dvcDir);
      Files.writeString(dvcDir.resolve("config"), noScm ? "[core]\n    no_scm = True\n" : "", StandardCharsets.UTF_8);
      Files.writeString(dvcDir.resolve(".gitignore"), DVC_GITIGNORE, StandardCharsets.UTF_8);
      Path ignore = dir.resolve(".dvcignore");
      if (!Files.exists(ignore)) {
        Files.writeString(ignore, DVCIGNORE, StandardCharsets.UTF_8);
      }
      boolean staged = false;
      if (!noScm) {
        try (Git git = Git.open(dir.toFile())) {
          git.add().addFilepattern(".dvc/config").addFilepattern(".dvc/.gitignore").addFilepattern(".dvcignore").call();
          staged = true;
        } catch (GitAPIException e) {
          throw CairnException.failed("Initialised, but could not stage the new files in Git: " + e.getMessage(), e);
        }
      }
      return new InitResult(dir, staged);
    } catch (IOException e) {
      throw CairnException.failed("Cannot initialise " + dir + ": " + e.getMessage(), e);
    }
  }

  private Path gitTop() {
    FileRepositoryBuilder b = new FileRepositoryBuilder().findGitDir(dir.toFile());
    return b.getGitDir() == null ? null : b.getGitDir().toPath().toAbsolutePath().normalize().getParent();
  }

  static void deleteTree(Path p) throws IOException {
    dev.cairn.internal.FileTrees.delete(p);
  }
}
