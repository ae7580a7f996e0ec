package dev.cairn.report;

import dev.cairn.revision.RecordedOutputs;
import dev.cairn.revision.RecordedOutputs.Out;
import dev.cairn.revision.RevisionFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares the tracked outputs recorded in two revisions ({@link RecordedOutputs}): matched by
 * repo-relative path, compared by hash.
 */
final class DataChanges {
  private DataChanges() {}

  /** Added, modified and deleted outputs, sorted by path. */
  public static List<DataChange> between(RevisionFiles base, RevisionFiles head) throws IOException {
    Map<String, Out> a = RecordedOutputs.of(base);
    Map<String, Out> b = RecordedOutputs.of(head);
    List<DataChange> out = new ArrayList<>();
    TreeMap<String, Boolean> paths = new TreeMap<>();
    a.keySet().forEach(p -> paths.put(p, true));
    b.keySet().forEach(p -> paths.put(p, true));
    for (String p : paths.keySet()) {
      Out x = a.get(p);
      Out y = b.get(p);
      if (x == null) {
        out.add(new DataChange(p, DataChange.Kind.ADDED, "", y.value(), -1, y.size()));
      } else if (y == null) {
        out.add(new DataChange(p, DataChange.Kind.DELETED, x.value(), "", x.size(), -1));
      } else if (!x.value().equals(y.value())) {
        out.add(new DataChange(p, DataChange.Kind.MODIFIED, x.value(), y.value(), x.size(), y.size()));
      }
    }
    return out;
  }
}
