package dev.cairn.plots;

import dev.cairn.revision.RevisionFiles;
import dev.cairn.revision.Revisions;
import dev.cairn.revision.UnknownRevisionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data behind {@code plots show} and {@code plots diff}; draw the result with module {@code
 * cairn-plots} ({@code new PlotsWriter().write(result, outDir, title)}). Uses an open {@link
 * Revisions}, which the caller closes.
 */
public final class PlotsQueries {
  private final Revisions revisions;
  private final PlotDefinitions.Locator locator;

  public PlotsQueries(Revisions revisions, PlotDefinitions.Locator locator) {
    this.revisions = revisions;
    this.locator = locator;
  }

  /** {@code plots show [targets]}: the workspace only. */
  public PlotsResult show(List<String> targets) throws IOException {
    Map<String, RevisionFiles> revs = new LinkedHashMap<>();
    revs.put(Revisions.WORKSPACE, revisions.workspace());
    return PlotsCollector.collect(revs, locator, targets);
  }

  /**
   * {@code plots diff [revs...] [--targets ...]}: the revisions DVC would pick (none: {@code HEAD}
   * and the workspace when tracked files changed, else the workspace alone; one: it and the
   * workspace; more: as given), {@code "workspace"} first, one series per revision.
   *
   * @throws UnknownRevisionException naming a revision that does not resolve
   */
  public PlotsResult diff(List<String> revs, List<String> targets) throws IOException, UnknownRevisionException {
    Map<String, RevisionFiles> files = new LinkedHashMap<>();
    for (String r : diffRevisions(revs)) {
      files.put(r, revisions.at(r));
    }
    return PlotsCollector.collect(files, locator, targets);
  }

  /** The revisions {@link #diff} reads, in display order. */
  public List<String> diffRevisions(List<String> revs) throws IOException {
    List<String> out = new ArrayList<>(revs);
    if (out.size() <= 1) {
      if (out.isEmpty() && revisions.isDirty()) {
        out.add("HEAD");
      }
      out.add(Revisions.WORKSPACE);
    }
    if (out.remove(Revisions.WORKSPACE)) {
      out.add(0, Revisions.WORKSPACE);
    }
    return out.stream().distinct().toList();
  }
}
