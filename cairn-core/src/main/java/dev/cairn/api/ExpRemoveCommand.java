package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpGit;
import dev.cairn.exp.ExpRefOps;
import dev.cairn.exp.ExpRefs;
import dev.cairn.repo.Repo;
import dev.cairn.revision.Revisions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * {@code exp remove}: deletes experiment refs, named ({@code <exp>...}), of HEAD's baseline
 * ({@code --all}), of given baselines ({@code --rev}), or of every baseline ({@code -A}); {@code
 * --queue} also deletes the whole {@code exp run --queue} stash (entries cannot be removed one by
 * one). Every name is resolved before anything is deleted.
 */
public final class ExpRemoveCommand extends RepoCommand<ExpRemoveCommand.Result> {
  private final List<String> names = new ArrayList<>();
  private final List<String> revs = new ArrayList<>();
  private boolean allOfHead;
  private boolean allCommits;
  private boolean queue;

  ExpRemoveCommand(Repo repo) {
    super(repo);
  }

  /**
   * The result.
   *
   * @param removed the names of the experiments removed
   * @param queueCleared whether a queue was deleted
   */
  public record Result(List<String> removed, boolean queueCleared) {
    public Result {
      removed = List.copyOf(removed);
    }
  }

  /** An experiment to remove (name or full ref). */
  public ExpRemoveCommand addExperiment(String name) {
    names.add(Objects.requireNonNull(name));
    return this;
  }

  /** Remove the experiments of this baseline revision ({@code --rev}). */
  public ExpRemoveCommand addBaseline(String rev) {
    revs.add(Objects.requireNonNull(rev));
    return this;
  }

  /** Remove every experiment of HEAD's baseline ({@code --all}). */
  public ExpRemoveCommand setAll(boolean b) {
    this.allOfHead = b;
    return this;
  }

  /** Remove every experiment of every baseline ({@code -A}). */
  public ExpRemoveCommand setAllCommits(boolean b) {
    this.allCommits = b;
    return this;
  }

  /** Also delete the queue of {@code exp run --queue} ({@code --queue}). */
  public ExpRemoveCommand setQueue(boolean b) {
    this.queue = b;
    return this;
  }

  @Override
  boolean writes() {
    return false; // Git refs only
  }

  @Override
  Result run() throws IOException, CairnException {
    if (names.isEmpty() && revs.isEmpty() && !allOfHead && !allCommits && !queue) {
      throw CairnException.invalidInput("Name the experiments to remove, or use --all, -A, --rev or --queue");
    }
    try (Repository git = ExpGit.open(repo.root()); Revisions revisions = Revisions.open(repo.root(),
        dev.cairn.revision.CachedOutputs.NONE)) {
      List<ExpRefs.Entry> sel = new ArrayList<>();
      for (String n : names) {
        add(sel, List.of(ExpGit.resolveOne(git, n)));
      }
      if (allCommits) {
        add(sel, ExpRefs.all(git));
      }
      if (allOfHead) {
        add(sel, ExpRefs.ofBaseline(git, ExpGit.head(git).name()));
      }
      for (String r : revs) {
        ObjectId id = revisions.resolve(r);
        add(sel, ExpRefs.ofBaseline(git, id.name()));
      }
      List<String> removed = ExpRefOps.remove(git, sel);
      boolean q = queue && ExpRefOps.clearQueue(git);
      return new Result(removed, q);
    }
  }

  private static void add(List<ExpRefs.Entry> sel, List<ExpRefs.Entry> more) {
    for (ExpRefs.Entry e : more) {
      if (!sel.contains(e)) {
        sel.add(e);
      }
    }
  }
}
