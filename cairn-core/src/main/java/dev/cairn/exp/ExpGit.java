package dev.cairn.exp;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Opening the Git repository of a DVC repository and naming experiments in it. */
public final class ExpGit {
  private ExpGit() {}

  /**
   * Opens the Git repository containing {@code root}.
   *
   * @throws CairnException (unexpected state) when there is none: experiments live in Git
   */
  public static Repository open(Path root) throws CairnException {
    try {
      FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(root.toFile());
      if (b.getGitDir() == null) {
        throw CairnException.unexpectedState("Experiments need a Git repository; " + root
            + " has none: run 'git init' and commit first");
      }
      return b.build();
    } catch (IOException e) {
      throw CairnException.failed("Cannot open the Git repository of " + root + ": " + e.getMessage(), e);
    }
  }

  /** HEAD's commit, or throws (unexpected state) when the repository has no commits. */
  public static ObjectId head(Repository git) throws CairnException, IOException {
    ObjectId id = git.resolve(Constants.HEAD + "^{commit}");
    if (id == null) {
      throw CairnException.unexpectedState("The Git repository has no commits yet; commit a baseline first");
    }
    return id;
  }

  /**
   * Resolves what the user typed to exactly one experiment: a full {@code refs/exps/…} ref or a
   * name, looked up among HEAD's experiments first, then all baselines.
   *
   * @throws CairnException (invalid input) when no experiment has that name, or several baselines do
   */
  public static ExpRefs.Entry resolveOne(Repository git, String spec) throws CairnException, IOException {
    ObjectId head = git.resolve(Constants.HEAD + "^{commit}");
    List<ExpRefs.Entry> found = ExpRefs.resolve(git, spec, head == null ? null : head.name());
    if (found.isEmpty()) {
      throw CairnException.invalidInput("Unknown experiment '" + spec + "'; see 'cairn exp show -A' for the names");
    }
    if (found.size() > 1) {
      throw ambiguous(spec, found);
    }
    return found.get(0);
  }

  static CairnException ambiguous(String spec, List<ExpRefs.Entry> found) {
    return CairnException.invalidInput("Experiment name '" + spec + "' is ambiguous: "
        + found.stream().map(e -> e.ref().refName()).collect(Collectors.joining(", "))
        + "; give the full ref");
  }

  /**
   * Resolves an experiment name, or else a Git revision, to a commit (for {@code exp diff}).
   * Returns null for {@code "workspace"}.
   */
  public static ObjectId resolveExpOrRev(Repository git, String spec) throws CairnException, IOException {
    if ("workspace".equals(spec)) {
      return null;
    }
    ObjectId head = git.resolve(Constants.HEAD + "^{commit}");
    List<ExpRefs.Entry> found = ExpRef.isValidName(spec) || spec.startsWith(ExpRef.EXPS_NAMESPACE + "/")
        ? ExpRefs.resolve(git, spec, head == null ? null : head.name()) : List.of();
    if (found.size() == 1) {
      return found.get(0).commit();
    }
    if (found.size() > 1) {
      throw ambiguous(spec, found);
    }
    ObjectId id;
    try {
      id = git.resolve(spec + "^{commit}");
    } catch (RuntimeException e) {
      id = null;
    }
    if (id == null) {
      throw CairnException.invalidInput("Unknown experiment or revision '" + spec
          + "': name an experiment, a branch, a tag, a commit or 'workspace'");
    }
    return id;
  }
}
