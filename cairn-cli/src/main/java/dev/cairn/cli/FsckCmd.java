package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.FsckCommand;
import dev.cairn.format.PyJson;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fsck", description = {
    "Verify every cache object and .dir manifest against its hash, whatever its mode.",
    "Corrupt objects are moved to <cache>/quarantine/ (they can be pulled or re-added); exit 1 when any is found."})
final class FsckCmd extends BaseCommand {
  @Option(names = "--dry", description = "Only report; move nothing.")
  boolean dry;

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    try (Cairn c = open()) {
      FsckCommand.FsckResult r = c.fsck().setDryRun(dry).setProgressMonitor(monitor()).call();
      if (json.json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checked", r.checked());
        m.put("corrupt", r.corrupt());
        m.put("quarantined", r.quarantined());
        m.put("temp_files", r.tempFiles());
        out().println(PyJson.dumpsUnsorted(m));
      } else {
        for (String h : r.corrupt()) {
          out().println("corrupt: " + h);
        }
        info(r.checked() + " objects checked, " + r.corrupt().size() + " corrupt"
            + (r.tempFiles() > 0 ? ", " + r.tempFiles() + " stray temp files" + (dry ? "" : " removed") : ""));
      }
      return r.ok() ? 0 : 1;
    }
  }
}
