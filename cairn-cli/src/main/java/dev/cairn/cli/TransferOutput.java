package dev.cairn.cli;

import dev.cairn.api.PullCommand;
import dev.cairn.api.SyncResult;
import dev.cairn.transfer.RemoteLayout;
import dev.cairn.transfer.TransferResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Summaries of push/fetch/pull results: DVC's sentences and a JSON shape. */
final class TransferOutput {
  private TransferOutput() {}

  /** {@code "1 file"}, {@code "3 files"}. */
  static String files(int n) {
    return n + (n == 1 ? " file" : " files");
  }

  /** Objects plus run-cache entries copied. */
  static int copied(SyncResult r) {
    return r.objects().transferred() + r.runCache().transferred();
  }

  static Map<String, Object> json(TransferResult objects, TransferResult runCache, List<String> remotes) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("transferred", objects.transferred());
    m.put("already_present", objects.alreadyPresent());
    m.put("bytes", objects.bytes());
    List<Object> failed = new ArrayList<>();
    for (TransferResult.Failure f : objects.plus(runCache).failures()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("object", f.object() == null ? null : RemoteLayout.key(f.object()));
      x.put("reason", f.reason());
      failed.add(x);
    }
    m.put("failed", failed);
    m.put("run_cache", runCache.transferred());
    if (remotes != null) {
      m.put("remotes", remotes);
    }
    return m;
  }

  static Map<String, Object> json(SyncResult r) {
    return json(r.objects(), r.runCache(), r.remotes());
  }

  /** DVC's lines for a pull: the checked-out changes ({@code A/M/D\tpath}), then a summary line. */
  static void printPull(PrintWriter out, PullCommand.PullResult r) {
    var c = r.checkout();
    c.added().forEach(p -> out.println("A\t" + p));
    c.modified().forEach(p -> out.println("M\t" + p));
    c.deleted().forEach(p -> out.println("D\t" + p));
    List<String> parts = new ArrayList<>();
    if (!c.added().isEmpty()) {
      parts.add(files(c.added().size()) + " added");
    }
    if (!c.modified().isEmpty()) {
      parts.add(files(c.modified().size()) + " modified");
    }
    if (!c.deleted().isEmpty()) {
      parts.add(files(c.deleted().size()) + " deleted");
    }
    int fetched = copied(r.fetched());
    if (fetched > 0) {
      parts.add(files(fetched) + " fetched");
    }
    out.println(parts.isEmpty() ? "Everything is up to date." : PullCmd.join(parts));
  }
}
