package dev.cairn.exp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/** Reads experiment refs from a Git repository through JGit. */
public final class ExpRefs {
  private ExpRefs() {}

  /** One experiment ref and the commit it points at. */
  public record Entry(ExpRef ref, ObjectId commit) {}

  /** Every experiment of every baseline, in ref-name order. */
  public static List<Entry> all(Repository git) throws IOException {
    return list(git, ExpRef.EXPS_NAMESPACE + "/");
  }

  /** The experiments whose baseline is {@code baselineSha}, in ref-name order. */
  public static List<Entry> ofBaseline(Repository git, String baselineSha) throws IOException {
    return list(git, ExpRef.baselinePrefix(baselineSha));
  }

  private static List<Entry> list(Repository git, String prefix) throws IOException {
    List<Entry> out = new ArrayList<>();
    for (Ref r : git.getRefDatabase().getRefsByPrefix(prefix)) {
      Optional<ExpRef> e = ExpRef.parse(r.getName());
      if (e.isPresent() && r.getObjectId() != null) {
        out.add(new Entry(e.get(), r.getObjectId()));
      }
    }
    out.sort((a, b) -> a.ref().refName().compareTo(b.ref().refName()));
    return out;
  }

  /**
   * Resolves what a user typed for an experiment: a full ref name, or a name. A name is looked up
   * among the experiments of {@code baselineSha} first, then among all baselines.
   *
   * @return the matches: empty when none, more than one when the name is ambiguous across baselines
   */
  public static List<Entry> resolve(Repository git, String spec, String baselineSha) throws IOException {
    if (spec.startsWith(ExpRef.EXPS_NAMESPACE + "/")) {
      Ref r = git.exactRef(spec);
      Optional<ExpRef> e = ExpRef.parse(spec);
      return r != null && e.isPresent() ? List.of(new Entry(e.get(), r.getObjectId())) : List.of();
    }
    if (baselineSha != null) {
      List<Entry> own = ofBaseline(git, baselineSha).stream().filter(e -> e.ref().name().equals(spec)).toList();
      if (!own.isEmpty()) {
        return own;
      }
    }
    return all(git).stream().filter(e -> e.ref().name().equals(spec)).toList();
  }
}
