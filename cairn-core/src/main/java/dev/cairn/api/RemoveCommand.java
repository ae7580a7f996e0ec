package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.repo.Repo;
import dev.cairn.workspace.DvcFile;
import dev.cairn.workspace.GitIgnores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code remove}: stops tracking: deletes {@code .dvc} files and their {@code .gitignore} lines;
 * with {@code outs} also deletes the outputs from the workspace (the cache keeps them until gc).
 */
public final class RemoveCommand extends RepoCommand<RemoveCommand.RemoveResult> {
  private final List<Path> targets = new ArrayList<>();
  private boolean outs;

  RemoveCommand(Repo repo) {
    super(repo);
  }

  /** Files removed (repo-relative). */
  public record RemoveResult(List<String> removed) {}

  public RemoveCommand addTarget(Path p) {
    targets.add(p);
    return this;
  }

  /** Also delete the outputs from the workspace. */
  public RemoveCommand setOuts(boolean outs) {
    this.outs = outs;
    return this;
  }

  @Override
  boolean writes() {
    return true;
  }

  @Override
  RemoveResult run() throws IOException, CairnException {
    if (targets.isEmpty()) {
      throw CairnException.invalidInput("Nothing to remove: give a .dvc file");
    }
    List<String> removed = new ArrayList<>();
    GitIgnores gi = GitIgnores.forRepo(repo.root());
    for (Path t : targets) {
      Path abs = repo.root().resolve(t).toAbsolutePath().normalize();
      if (!abs.toString().endsWith(DvcFile.SUFFIX)) {
        Path sibling = abs.resolveSibling(abs.getFileName() + DvcFile.SUFFIX);
        abs = sibling;
      }
      if (!Files.isRegularFile(abs) || !abs.startsWith(repo.root())) {
        throw CairnException.invalidInput("'" + t + "' is not a .dvc file of this repository");
      }
      DvcFile f = DvcFile.read(abs);
      for (Map<String, Object> o : f.outs()) {
        Path out = f.baseDir().resolve(String.valueOf(o.get("path"))).normalize();
        if (!out.startsWith(repo.root()) || out.equals(repo.root())) {
          throw CairnException.invalidInput(repo.relativize(abs) + ": output '" + o.get("path")
              + "' is outside the repository; refusing to touch it");
        }
        gi.unignore(out);
        if (outs) {
          dev.cairn.api.InitCommand.deleteTree(out);
        }
      }
      Files.delete(abs);
      removed.add(repo.relativize(abs));
    }
    return new RemoveResult(removed);
  }
}
