package dev.cairn.queue.slurm;

import dev.cairn.errors.CairnException;
import dev.cairn.queue.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Slurm keys of {@code executors.slurm} in {@code cairn.yaml}, each one {@code sbatch} option;
 * null (or empty) when not set, so that the cluster's defaults apply.
 *
 * @param partition {@code --partition}
 * @param time {@code --time}, in Slurm's forms ({@code minutes}, {@code M:S}, {@code H:M:S},
 *     {@code D-H}, {@code D-H:M}, {@code D-H:M:S}, {@code UNLIMITED})
 * @param cpus {@code --cpus-per-task}
 * @param mem {@code --mem}: a number with an optional unit K, M, G or T
 * @param gres {@code --gres}, e.g. {@code gpu:1}
 * @param account {@code --account}
 * @param sbatchArgs further options, passed as given (each must start with {@code -})
 */
record SlurmSettings(String partition, String time, Integer cpus, String mem, String gres, String account,
    List<String> sbatchArgs) {
  static final Set<String> KEYS = Set.of("partition", "time", "cpus", "mem", "gres", "account", "sbatch_args");
  private static final Pattern NAME_LIST = Pattern.compile("[A-Za-z0-9_.+-]+(,[A-Za-z0-9_.+-]+)*");
  private static final Pattern TIME = Pattern.compile(
      "\\d+|\\d+:\\d{1,2}|\\d+:\\d{1,2}:\\d{1,2}|\\d+-\\d+|\\d+-\\d+:\\d{1,2}|\\d+-\\d+:\\d{1,2}:\\d{1,2}"
          + "|(?i:unlimited|infinite)");
  private static final Pattern MEM = Pattern.compile("\\d+[KMGTkmgt]?");
  private static final Pattern GRES = Pattern.compile("[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*(,[A-Za-z0-9_.-]+(:[A-Za-z0-9_.-]+)*)*");

  SlurmSettings {
    sbatchArgs = List.copyOf(sbatchArgs);
  }

  static SlurmSettings parse(Map<String, Object> m, String label) throws CairnException {
    String p = "executors.slurm.";
    String partition = match(m, "partition", NAME_LIST, "a partition name (or a comma-separated list)", label, p);
    String time = match(m, "time", TIME, "a time limit such as 30, 1:30:00 or 2-00:00:00 (minutes, H:M:S, D-H:M:S)",
        label, p);
    Integer cpus = null;
    Object c = m.get("cpus");
    if (c != null) {
      if (!(c instanceof Integer || c instanceof Long) || ((Number) c).longValue() < 1 || ((Number) c).longValue() > 1_000_000) {
        throw Settings.bad(label, p + "cpus", "expected a whole number of 1 or more, found " + Settings.describe(c));
      }
      cpus = ((Number) c).intValue();
    }
    String mem = match(m, "mem", MEM, "an amount of memory such as 4G or 512M", label, p);
    String gres = match(m, "gres", GRES, "generic resources such as gpu:1 or gpu:a100:2", label, p);
    String account = match(m, "account", NAME_LIST, "an account name", label, p);
    List<String> args = new ArrayList<>();
    for (String a : Settings.strings(m, "sbatch_args", label, p)) {
      if (!a.startsWith("-") || a.contains("\n")) {
        throw Settings.bad(label, p + "sbatch_args", "expected sbatch options (each starting with '-'), found '" + a + "'");
      }
      args.add(a);
    }
    return new SlurmSettings(partition, time, cpus, mem, gres, account, args);
  }

  private static String match(Map<String, Object> m, String k, Pattern pat, String what, String label, String prefix)
      throws CairnException {
    String v = Settings.string(m, k, null, label, prefix);
    if (v != null && !pat.matcher(v).matches()) {
      throw Settings.bad(label, prefix + k, "expected " + what + ", found '" + v + "'");
    }
    return v;
  }

  /** The sbatch options these settings give, in a fixed order, then {@code sbatch_args}. */
  List<String> options() {
    List<String> out = new ArrayList<>();
    if (partition != null) {
      out.add("--partition=" + partition);
    }
    if (account != null) {
      out.add("--account=" + account);
    }
    if (time != null) {
      out.add("--time=" + time);
    }
    if (cpus != null) {
      out.add("--cpus-per-task=" + cpus);
    }
    if (mem != null) {
      out.add("--mem=" + mem);
    }
    if (gres != null) {
      out.add("--gres=" + gres);
    }
    out.addAll(sbatchArgs);
    return out;
  }
}
