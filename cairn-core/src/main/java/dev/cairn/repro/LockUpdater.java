package dev.cairn.repro;

import dev.cairn.pipeline.CwdPaths;
import dev.cairn.pipeline.LockEntry;
import dev.cairn.pipeline.LockFile;
import dev.cairn.pipeline.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code dvc.lock} entries in plan order. A finished stage hands in its entry (or nothing);
 * entries are written as soon as every earlier stage of the plan has been handed in, one whole-file
 * atomic write per entry, as a serial run would write them. So the file is byte-identical to a
 * serial run's whatever order parallel stages finish in. All methods synchronise on this object.
 */
final class LockUpdater {
  private final Path root;
  private final List<Stage> plan;
  private final Map<String, LockFile> locks = new HashMap<>();
  private final LockEntry[] entries;
  private final boolean[] done;
  private final ReproListener listener;
  private final String cwd;
  private int cursor;

  /** @param cwd the repo-relative directory messages are relative to */
  LockUpdater(Path root, List<Stage> plan, PipelineIndex index, ReproListener listener, String cwd) {
    this.cwd = cwd;
    this.root = root;
    this.plan = plan;
    this.entries = new LockEntry[plan.size()];
    this.done = new boolean[plan.size()];
    this.listener = listener;
    for (Stage s : plan) {
      locks.putIfAbsent(s.dvcfileDir(), index.lock(s.dvcfileDir()));
    }
  }

  /**
   * Hands in the result of plan position {@code i} and writes whatever is now in order.
   *
   * @param entry the new entry, or null when the stage is not to be recorded
   */
  synchronized void finish(int i, LockEntry entry) throws IOException {
    entries[i] = entry;
    done[i] = true;
    while (cursor < plan.size() && done[cursor]) {
      LockEntry e = entries[cursor];
      if (e != null) {
        write(plan.get(cursor), e);
        entries[cursor] = null;
      }
      cursor++;
    }
  }

  private void write(Stage s, LockEntry e) throws IOException {
    Path file = PipelineIndex.lockPath(root, s.dvcfileDir());
    String rel = root.relativize(file).toString().replace('\\', '/');
    boolean exists = Files.exists(file);
    LockFile current = locks.get(s.dvcfileDir());
    if (exists && current.entry(s.name()).map(old -> old.toMap().equals(e.toMap())).orElse(false)) {
      return; // unchanged entry: DVC leaves the file alone
    }
    LockFile updated = current.with(s.name(), e);
    listener.message(CwdPaths.address(s, cwd), (exists ? "Updating" : "Generating") + " lock file '"
        + CwdPaths.relative(rel, cwd) + "'");
    updated.write(file);
    locks.put(s.dvcfileDir(), updated);
  }
}
