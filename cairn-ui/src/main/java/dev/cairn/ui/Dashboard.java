package dev.cairn.ui;

import dev.cairn.api.Cairn;
import dev.cairn.errors.CairnException;
import dev.cairn.exp.ExpRunResult;
import dev.cairn.exp.ExpShowResult;
import dev.cairn.exp.ExpState;
import dev.cairn.pipeline.Dag;
import dev.cairn.pipeline.Out;
import dev.cairn.pipeline.Stage;
import dev.cairn.plots.Plot;
import dev.cairn.plots.PlotDefinitions;
import dev.cairn.plots.PlotError;
import dev.cairn.plots.PlotsQueries;
import dev.cairn.plots.PlotsResult;
import dev.cairn.plots.Series;
import dev.cairn.report.CairnYaml;
import dev.cairn.report.Report;
import dev.cairn.report.ReportBuilder;
import dev.cairn.report.ReportMarkdown;
import dev.cairn.repro.PipelineIndex;
import dev.cairn.repro.StatusResult;
import dev.cairn.revision.Revisions;
import dev.cairn.revision.UnknownRevisionException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page shows, read through the library: {@code exp show} (the same states as {@code exp
 * show --json}) with the queue and the dashboard's runs, plots of chosen revisions, the pipeline with
 * each stage's status, DVCLive files, and the pull-request report.
 */
final class Dashboard {
  private final Path root;
  private final Map<String, String> env;
  private final ExperimentActions actions;
  private final Jobs jobs;
  private final LiveFiles live;

  Dashboard(Path root, Map<String, String> env, ExperimentActions actions, Jobs jobs, LiveFiles live) {
    this.root = root;
    this.env = env;
    this.actions = actions;
    this.jobs = jobs;
    this.live = live;
  }

  private Cairn open() throws CairnException {
    return Cairn.open(root, env);
  }

  /**
   * The experiments: {@code states} exactly as {@code exp show --json} lists them (baselines: every
   * branch tip with {@code allBranches}, and {@code num} commits from each), the queue with each
   * entry's state, and the dashboard's runs.
   */
  Map<String, Object> experiments(int num, boolean allBranches) throws CairnException, IOException {
    ExpShowResult shown;
    try (Cairn c = open()) {
      shown = c.expShow().setNum(num).setAllBranches(allBranches).call();
    }
    List<Object> states = new ArrayList<>();
    for (ExpState s : shown.states()) {
      states.add(s.toJson());
    }
    Jobs.Job running = jobs.running();
    List<Object> queued = new ArrayList<>();
    int runningSlots = running == null ? 0 : running.parallel;
    for (ExpRunResult.Queued q : actions.queued()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", q.name());
      m.put("rev", q.stashCommit());
      m.put("baseline", q.baseline());
      m.put("params", q.params());
      boolean isRunning = running != null && running.names.contains(q.name()) && runningSlots-- > 0;
      m.put("state", isRunning ? "running" : "queued");
      queued.add(m);
    }
    List<Object> failed = new ArrayList<>();
    List<Object> runs = new ArrayList<>();
    for (Jobs.Job j : jobs.list()) {
      Map<String, Object> jm = j.toJson(false);
      runs.add(jm);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> f = (List<Map<String, Object>>) jm.get("failed");
      failed.addAll(f);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("states", states);
    out.put("queued", queued);
    out.put("failed", failed);
    out.put("runs", runs);
    return out;
  }

  /** Image plots larger than this are left out (named in the errors). */
  static final int MAX_IMAGE_BYTES = 4 * 1024 * 1024;

  private static final Map<String, String> IMAGE_TYPES = Map.of(".png", "image/png", ".jpg", "image/jpeg",
      ".jpeg", "image/jpeg", ".gif", "image/gif", ".svg", "image/svg+xml");

  private static String imageType(String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? null : IMAGE_TYPES.get(path.substring(dot).toLowerCase(java.util.Locale.ROOT));
  }

  /**
   * The plots of {@code revs} overlaid (DVC's {@code plots diff} revisions), as data for Vega-Lite,
   * and the image plots of each revision as data URIs.
   */
  Map<String, Object> plots(List<String> revs) throws CairnException, IOException {
    PlotsResult r;
    List<Object> images = new ArrayList<>();
    List<Object> errors = new ArrayList<>();
    try (Cairn c = open(); Revisions revisions = Revisions.open(c.repo())) {
      PlotsQueries queries = new PlotsQueries(revisions, PlotDefinitions::fromDvcYaml);
      r = queries.diff(revs, List.of());
      for (String rev : queries.diffRevisions(revs)) {
        dev.cairn.revision.RevisionFiles files = revisions.at(rev);
        for (dev.cairn.plots.PlotDefinition d : PlotDefinitions.fromDvcYaml(files)) {
          for (String f : d.files()) {
            String type = imageType(f);
            if (type == null) {
              continue;
            }
            var bytes = files.read(f);
            if (bytes.isEmpty()) {
              continue;
            }
            if (bytes.get().length > MAX_IMAGE_BYTES) {
              errors.add(rev + ": " + f + " is over " + MAX_IMAGE_BYTES / (1024 * 1024) + " MiB; not shown");
              continue;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f);
            m.put("revision", rev);
            m.put("src", "data:" + type + ";base64," + java.util.Base64.getEncoder().encodeToString(bytes.get()));
            images.add(m);
          }
        }
      }
    } catch (UnknownRevisionException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
    List<Object> plots = new ArrayList<>();
    for (Plot p : r.plots()) {
      if (imageType(p.id()) != null) {
        continue; // drawn as images, below
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", p.id());
      m.put("kind", p.kind().name().toLowerCase(java.util.Locale.ROOT));
      m.put("title", p.title());
      m.put("x_label", p.xLabel());
      m.put("y_label", p.yLabel());
      m.put("revisions", p.revisions());
      List<Object> series = new ArrayList<>();
      for (Series s : p.series()) {
        Map<String, Object> sm = new LinkedHashMap<>();
        sm.put("name", s.name());
        sm.put("revision", s.revision());
        sm.put("file", s.file());
        sm.put("field", s.field());
        sm.put("xs", s.xs());
        sm.put("ys", s.ys());
        series.add(sm);
      }
      m.put("series", series);
      plots.add(m);
    }
    for (PlotError e : r.errors()) {
      if (e.file() == null || imageType(e.file()) == null) {
        errors.add(e.describe());
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("plots", plots);
    out.put("images", images);
    out.put("errors", errors);
    return out;
  }

  /** The stages, their edges and each one's state: up to date, changed (and why), running, failed. */
  Map<String, Object> pipeline() throws CairnException, IOException {
    Dag dag;
    StatusResult status;
    try (Cairn c = open()) {
      try {
        dag = PipelineIndex.load(c.repo()).dag();
      } catch (dev.cairn.pipeline.PipelineException e) {
        throw CairnException.invalidInput(e.getMessage());
      }
      status = c.status().call();
    }
    List<Path> liveDirs = live.find();
    List<String> activeLive = new ArrayList<>();
    for (Map<String, Object> l : live.read(liveDirs)) {
      if (Boolean.TRUE.equals(l.get("running")) && !((String) l.get("dir")).startsWith(".dvc")) {
        activeLive.add((String) l.get("dir"));
      }
    }
    Jobs.Job last = jobs.list().stream().findFirst().orElse(null);
    List<Object> stages = new ArrayList<>();
    for (Stage s : dag.stages()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", s.address());
      m.put("cmd", s.commands());
      m.put("deps", s.deps().stream().map(s::repoPath).toList());
      m.put("outs", s.outs().stream().map(o -> s.repoPath(o.path())).toList());
      List<Object> why = status.changes().get(s.address());
      String state = why == null ? "up to date" : "changed";
      for (Out o : s.outs()) {
        String p = s.repoPath(o.path());
        if (activeLive.stream().anyMatch(d -> p.equals(d) || p.startsWith(d + "/"))) {
          state = "running";
        }
      }
      if (last != null && !last.running() && s.address().equals(last.toJson(false).get("failed_stage"))) {
        m.put("failed_in_run", last.id);
        if (!state.equals("running")) {
          state = "failed";
        }
      }
      m.put("state", state);
      m.put("why", why == null ? List.of() : why);
      stages.add(m);
    }
    List<Object> edges = new ArrayList<>();
    for (Map.Entry<String, String> e : dag.edges()) {
      edges.add(List.of(e.getKey(), e.getValue()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("stages", stages);
    out.put("edges", edges);
    out.put("other_changes", status.changes().entrySet().stream()
        .filter(e -> dag.stages().stream().noneMatch(s -> s.address().equals(e.getKey())))
        .map(e -> Map.of("owner", e.getKey(), "why", e.getValue())).toList());
    return out;
  }

  /** The DVCLive directories and what they hold now. */
  Map<String, Object> live() throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("dirs", live.read(live.find()));
    out.put("now", System.currentTimeMillis());
    return out;
  }

  /** The pull-request report of the workspace against {@code base}, in Markdown and JSON (no plots drawn). */
  Map<String, Object> report(String base) throws CairnException, IOException {
    if (base == null || base.isBlank()) {
      throw CairnException.invalidInput("Choose a base revision for the report (a branch, tag or commit)");
    }
    Report r;
    try (Cairn c = open()) {
      CairnYaml config = CairnYaml.load(root);
      r = new ReportBuilder(root, config, base.strip()).setCachedOutputs(
          dev.cairn.revision.CachedOutputs.fromCache(c.repo().odb())).build();
    } catch (UnknownRevisionException e) {
      throw CairnException.invalidInput(e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("markdown", ReportMarkdown.render(r));
    out.put("report", r.toJson());
    return out;
  }
}
