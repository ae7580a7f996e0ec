package dev.cairn.metrics;

import dev.cairn.revision.ProjectFilesLocator;
import dev.cairn.revision.RevisionFiles;
import dev.cairn.revision.Revisions;
import dev.cairn.revision.UnknownRevisionException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The data behind {@code metrics show}, {@code metrics diff}, {@code params show} and {@code params
 * diff}, computed as DVC computes it; format the results with {@link MetricsFormat}, {@link
 * DiffResult#json} and {@link TextTable}. Uses an open {@link Revisions}, which the caller closes.
 *
 * <pre>{@code
 * try (Revisions revs = Revisions.open(root, cache)) {
 *   DiffResult d = new MetricsQueries(revs, new DvcYamlScan()).metricsDiff("HEAD", "workspace", List.of(), false);
 *   out.print(json ? d.json(tty) : MetricsFormat.diffTable(d, DiffTableOptions.metrics(noPath, precision)).plain());
 * }
 * }</pre>
 */
public final class MetricsQueries {
  private final Revisions revisions;
  private final ProjectFilesLocator locator;

  public MetricsQueries(Revisions revisions, ProjectFilesLocator locator) {
    this.revisions = revisions;
    this.locator = locator;
  }

  /**
   * {@code metrics show [targets] [-a] [-T] [-A]}: revision label → result ({@code ""} alone
   * without flags; otherwise {@code "workspace"} first, hidden when equal to the active branch).
   *
   * @throws UnknownRevisionException never for the flags, kept for symmetry with explicit revisions
   */
  public Map<String, RevisionResult> metricsShow(List<String> targets, boolean allBranches, boolean allTags,
      boolean allCommits) throws IOException, UnknownRevisionException {
    Map<String, RevisionResult> out = new LinkedHashMap<>();
    for (Map.Entry<String, RevisionFiles> e : revisions.select(List.of(), allBranches, allTags, allCommits).entrySet()) {
      out.put(e.getKey(), Collector.metrics(e.getKey(), e.getValue(), locator, targets));
    }
    return hideWorkspace(out, revisions.activeBranch());
  }

  /** {@code params show}, same shape as {@link #metricsShow}. */
  public Map<String, RevisionResult> paramsShow(List<String> targets, boolean allBranches, boolean allTags,
      boolean allCommits) throws IOException, UnknownRevisionException {
    Map<String, RevisionResult> out = new LinkedHashMap<>();
    for (Map.Entry<String, RevisionFiles> e : revisions.select(List.of(), allBranches, allTags, allCommits).entrySet()) {
      out.put(e.getKey(), Collector.params(e.getKey(), e.getValue(), locator, targets));
    }
    return hideWorkspace(out, revisions.activeBranch());
  }

  /**
   * {@code metrics diff [a_rev] [b_rev] [--targets ...] [--all]}; DVC's defaults are {@code
   * "HEAD"} and {@code "workspace"}. In a repository without commits the diff is empty.
   *
   * @throws UnknownRevisionException naming the revision that does not resolve
   */
  public DiffResult metricsDiff(String aRev, String bRev, List<String> targets, boolean all)
      throws IOException, UnknownRevisionException {
    if (revisions.hasGit() && !revisions.hasCommits()) {
      return empty(aRev, bRev);
    }
    RevisionFiles a = revisions.at(aRev);
    RevisionFiles b = revisions.at(bRev);
    return Differ.diff(Collector.metrics(aRev, a, locator, targets), Collector.metrics(bRev, b, locator, targets), all);
  }

  /** {@code params diff [a_rev] [b_rev] [--targets ...] [--all]}, as {@link #metricsDiff}. */
  public DiffResult paramsDiff(String aRev, String bRev, List<String> targets, boolean all)
      throws IOException, UnknownRevisionException {
    if (revisions.hasGit() && !revisions.hasCommits()) {
      return empty(aRev, bRev);
    }
    RevisionFiles a = revisions.at(aRev);
    RevisionFiles b = revisions.at(bRev);
    return Differ.diff(Collector.params(aRev, a, locator, targets), Collector.params(bRev, b, locator, targets), all);
  }

  private static DiffResult empty(String aRev, String bRev) {
    return new DiffResult(aRev, bRev, Map.of(), RevisionResult.ofFiles(aRev, Map.of()),
        RevisionResult.ofFiles(bRev, Map.of()));
  }

  /**
   * DVC's {@code _hide_workspace}: drops {@code "workspace"} when it equals the active branch's
   * result. The branch's entry may be labelled with several names ({@code "main,v1"}).
   */
  static Map<String, RevisionResult> hideWorkspace(Map<String, RevisionResult> results, Optional<String> branch) {
    RevisionResult ws = results.get(Revisions.WORKSPACE);
    if (ws != null && branch.isPresent()) {
      RevisionResult b = results.entrySet().stream()
          .filter(e -> List.of(e.getKey().split(",")).contains(branch.get()))
          .map(Map.Entry::getValue).findFirst().orElse(null);
      if (b != null && b.files().equals(ws.files()) && Objects.equals(b.error(), ws.error())) {
        results.remove(Revisions.WORKSPACE);
      }
    }
    return results;
  }
}
