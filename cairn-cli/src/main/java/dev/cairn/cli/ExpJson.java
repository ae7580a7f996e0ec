package dev.cairn.cli;

import dev.cairn.exp.ExpRunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code --json} shape of {@code exp run} and {@code exp save}. */
final class ExpJson {
  private ExpJson() {}

  static Map<String, Object> of(ExpRunResult r) {
    List<Object> exps = new ArrayList<>();
    for (ExpRunResult.Experiment x : r.experiments()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", x.name());
      m.put("ref", x.ref());
      m.put("rev", x.commit());
      m.put("baseline", x.baseline());
      m.put("exp_hash", x.expHash());
      exps.add(m);
    }
    List<Object> queued = new ArrayList<>();
    for (ExpRunResult.Queued q : r.queued()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", q.name());
      m.put("rev", q.stashCommit());
      m.put("baseline", q.baseline());
      m.put("params", q.params());
      queued.add(m);
    }
    List<Object> failed = new ArrayList<>();
    for (ExpRunResult.Failed f : r.failed()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name());
      m.put("baseline", f.baseline());
      m.put("exit_code", f.exitCode());
      m.put("error", f.message());
      failed.add(m);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("experiments", exps);
    out.put("queued", queued);
    out.put("failed", failed);
    out.put("workspace", r.workspace());
    return out;
  }
}
