package dev.cairn.api;

import dev.cairn.errors.CairnException;
import dev.cairn.hash.HashInfo;
import dev.cairn.repo.Repo;
import dev.cairn.storage.Storage;
import dev.cairn.transfer.ObjectTransfer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code status -c}: compares the cache with the remote(s) for the selected outputs, in DVC's
 * shape {@code {path: "new" | "deleted" | "missing"}} (dvc-format.md §6.1): {@code new} is in the
 * cache only, {@code deleted} on the remote only, {@code missing} on neither. Objects present on
 * both sides are left out, so an empty map means in sync. A directory's {@code .dir} is named by the
 * directory's path, its files by {@code dir/relpath}. Reads only.
 */
public final class RemoteStatusCommand extends RemoteCommand<RemoteStatusCommand, RemoteStatusCommand.RemoteStatus> {
  RemoteStatusCommand(Repo repo) {
    super(repo);
  }

  /**
   * The result.
   *
   * @param changes path → {@code new}, {@code deleted} or {@code missing}
   * @param remotes the remotes compared with
   */
  public record RemoteStatus(Map<String, String> changes, List<String> remotes) {
    public RemoteStatus {
      changes = Collections.unmodifiableMap(new LinkedHashMap<>(changes));
      remotes = List.copyOf(remotes);
    }

    /** Whether cache and remotes agree. */
    public boolean isInSync() {
      return changes.isEmpty();
    }
  }

  @Override
  boolean writes() {
    return false;
  }

  @Override
  RemoteStatus run() throws IOException, CairnException {
    Map<String, Map<String, HashInfo>> byRemote = new LinkedHashMap<>();
    for (Selected s : select(false)) {
      byRemote.computeIfAbsent(s.remote(), k -> new LinkedHashMap<>()).putIfAbsent(s.name(), s.hash());
    }
    if (byRemote.isEmpty()) {
      // name the remote that would be used even when there is nothing to compare
      byRemote.put(chooseRemote(null), Map.of());
    }
    Map<String, String> changes = new LinkedHashMap<>();
    List<String> remotes = new ArrayList<>();
    for (Map.Entry<String, Map<String, HashInfo>> e : byRemote.entrySet()) {
      remotes.add(e.getKey());
      try (Storage s = openRemote(e.getKey())) {
        var presence = new ObjectTransfer(repo.odb(), s, e.getKey(), options(e.getKey())).compare(e.getValue(), monitor);
        presence.forEach((name, p) -> {
          switch (p) {
            case NEW -> changes.putIfAbsent(name, "new");
            case DELETED -> changes.putIfAbsent(name, "deleted");
            case MISSING -> changes.putIfAbsent(name, "missing");
            case OK -> { }
          }
        });
      }
    }
    return new RemoteStatus(changes, remotes);
  }
}
