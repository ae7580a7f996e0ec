package dev.cairn.ci;

import dev.cairn.api.Cairn;
import dev.cairn.api.ExpPullCommand;
import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpQueue;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.exp.ExpShowResult;
import dev.cairn.exp.ExpTable;
import dev.cairn.format.PyJson;
import dev.cairn.plots.PlotDefinitions;
import dev.cairn.plots.PlotsQueries;
import dev.cairn.plots.PlotsResult;
import dev.cairn.plots.render.PlotsWriter;
import dev.cairn.queue.WorkerSide;
import dev.cairn.report.CairnYaml;
import dev.cairn.repro.ReproListener;
import dev.cairn.revision.Revisions;
import dev.cairn.revision.UnknownRevisionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * The jobs of the experiments workflow {@code ci init --github --matrix} writes: {@link #plan}
 * lists the experiments of a pull request (the entries queued with {@code exp run --queue} and
 * pushed with {@code queue push}, whose baseline is the pull request's head, then every combination
 * of {@code ci.matrix} in {@code cairn.yaml}); each matrix job {@link #run}s one and pushes it (outputs
 * to the DVC remote, the ref to the Git remote); the last job builds the comparison ({@link #report}:
 * the experiments table of {@code exp show --md} and the plots of the experiments overlaid) for the
 * pull-request comment.
 */
public final class MatrixJobs {
  /** Task ids of queued entries start with this, followed by the entry's commit. */
  public static final String QUEUED = "queued-";
  /** Task ids of grid points start with this, followed by the 1-based combination number. */
  public static final String GRID = "grid-";

  private MatrixJobs() {}

  /**
   * One job of the matrix.
   *
   * @param task what {@link #run} takes: {@code queued-<rev>} or {@code grid-<n>}
   * @param name the experiment's name (the job's title)
   */
  public record Item(String task, String name) {}

  /**
   * The matrix for {@code baseline}: the queued entries on {@code gitRemote} made from it, oldest
   * first, then the grid.
   */
  public static List<Item> plan(Cairn cairn, CairnYaml config, String gitRemote, String baseline)
      throws CairnException, IOException {
    List<Item> out = new ArrayList<>();
    for (ExpQueue.Entry e : WorkerSide.remoteEntries(cairn.repo(), gitRemote, baseline)) {
      String name = e.name().isEmpty() ? "exp-" + e.commit().name().substring(0, 7) : e.name();
      out.add(new Item(QUEUED + e.commit().name(), name));
    }
    List<List<String>> grid = config.ci().combinations();
    for (int i = 0; i < grid.size(); i++) {
      out.add(new Item(GRID + (i + 1), GRID + (i + 1)));
    }
    return out;
  }

  /** The matrix as GitHub's {@code fromJSON} takes it for {@code include}: {@code [{"task": …, "name": …}]}. */
  public static String json(List<Item> items) {
    List<Object> l = new ArrayList<>();
    for (Item i : items) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("task", i.task());
      m.put("name", i.name());
      l.add(m);
    }
    return PyJson.dumpsUnsorted(l);
  }

  /**
   * Runs one task of the matrix in this clone (whose HEAD is the baseline) and pushes the experiment:
   * a queued entry is fetched from {@code gitRemote} and dropped there once it has run; a grid point
   * is queued here with its {@code -S} overrides and the name {@code grid-<n>}. A re-run replaces an
   * experiment of the same name on the remote.
   *
   * @throws CairnException (invalid input) for an unknown task; the experiment's failure (failed)
   */
  public static ExpRunResult.Experiment run(Cairn cairn, CairnYaml config, String task, String gitRemote,
      ReproListener listener, java.util.function.Consumer<String> notes) throws CairnException, IOException {
    String rev;
    if (task.startsWith(QUEUED) && task.substring(QUEUED.length()).matches("[0-9a-f]{40}")) {
      rev = task.substring(QUEUED.length());
      WorkerSide.fetchEntry(cairn.repo(), gitRemote, rev);
    } else if (task.startsWith(GRID) && task.substring(GRID.length()).matches("[1-9][0-9]*")) {
      int n = Integer.parseInt(task.substring(GRID.length()));
      List<List<String>> grid = config.ci().combinations();
      if (n > grid.size()) {
        throw CairnException.invalidInput("Task '" + task + "': ci.matrix in cairn.yaml has " + grid.size()
            + " combinations");
      }
      var q = cairn.expRun().setQueue(true).setName(task).setForce(true);
      grid.get(n - 1).forEach(q::addSetParam);
      notes.accept("Experiment " + task + ": -S " + String.join(" -S ", grid.get(n - 1)));
      rev = q.call().queued().get(0).stashCommit();
    } else {
      throw CairnException.invalidInput("Unknown matrix task '" + task + "' (expected " + QUEUED + "<commit> or "
          + GRID + "<n>, as 'cairn ci matrix --plan' lists them)");
    }
    ExpRunResult.Experiment x = cairn.queueExec().setRev(rev).setGitRemote(gitRemote).setForce(true)
        .setListener(listener).setNotes(notes).call();
    if (task.startsWith(QUEUED)) {
      WorkerSide.dropRemoteEntry(cairn.repo(), gitRemote, rev);
    }
    return x;
  }

  /**
   * Builds the comparison of {@code baseline}'s experiments on {@code gitRemote}: fetches them (refs
   * and outputs), then writes to {@code mdOut} the {@code exp show} table and the plots of the
   * baseline and every experiment overlaid (PNG files in {@code <stem>_plots/} beside it).
   *
   * @return the Markdown written
   */
  public static String report(Cairn cairn, String gitRemote, String baseline, Path mdOut,
      java.util.function.Consumer<String> notes) throws CairnException, IOException {
    List<String> refs = WorkerSide.fetchExperiments(cairn.repo(), gitRemote, baseline);
    if (!refs.isEmpty() && cairn.repo().config().get("core", "remote") != null) {
      try {
        ExpPullCommand pull = cairn.expPull().setGitRemote(gitRemote).setForce(true);
        refs.forEach(pull::addExperiment);
        pull.call();
      } catch (CairnException e) {
        notes.accept("WARNING: the experiments' outputs could not all be fetched: " + e.getMessage());
      }
    }
    StringBuilder md = new StringBuilder();
    md.append("## Experiments\n\n");
    if (refs.isEmpty()) {
      md.append("No experiment of ").append(baseline, 0, 7).append(" was pushed.\n");
      return write(mdOut, md.toString());
    }
    ExpShowResult show = cairn.expShow().addRevision(baseline).call();
    md.append(ExpTable.build(show, ExpTable.Options.defaults(LocalDate.now())).markdown()).append('\n');
    List<String> revs = new ArrayList<>(List.of(baseline.substring(0, 7)));
    StringBuilder legend = new StringBuilder();
    try (Repository git = dev.cairn.exp.ExpGit.open(cairn.repo().root())) {
      for (String ref : refs) {
        ObjectId id = git.resolve(ref);
        String sha = id.abbreviate(7).name();
        revs.add(sha);
        legend.append(legend.length() == 0 ? "" : ", ").append('`').append(sha).append("` ")
            .append(ref.substring(ref.lastIndexOf('/') + 1));
      }
    }
    String dirName = PullRequestReports.imageDirName(mdOut);
    Path dir = mdOut.toAbsolutePath().getParent().resolve(dirName);
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    try (Revisions r = Revisions.open(cairn.repo())) {
      PlotsResult plots = new PlotsQueries(r, PlotDefinitions::fromDvcYaml).diff(revs, List.of());
      PlotsWriter.Output out = new PlotsWriter().write(plots, dir, "Experiments of " + baseline.substring(0, 7));
      if (!out.plots().isEmpty()) {
        md.append("### Plots\n\n").append("Baseline `").append(baseline, 0, 7).append("` and ").append(legend)
            .append(".\n\n");
        for (PlotsWriter.RenderedPlot p : out.plots()) {
          md.append("![").append(p.plot().fileStem()).append("](").append(dirName).append('/')
              .append(p.png().getFileName()).append(")\n");
        }
      }
    } catch (UnknownRevisionException e) {
      throw CairnException.invalidInput("Unknown revision: " + e.getMessage() + "; fetch the baseline first"
          + " (actions/checkout with fetch-depth: 0)");
    }
    return write(mdOut, md.toString());
  }

  private static String write(Path mdOut, String md) throws IOException {
    Path abs = mdOut.toAbsolutePath();
    Files.createDirectories(abs.getParent());
    Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, md, StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return md;
  }
}
