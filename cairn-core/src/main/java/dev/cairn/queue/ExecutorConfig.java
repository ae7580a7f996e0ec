package dev.cairn.queue;

import dev.cairn.errors.CairnException;
import dev.cairn.format.StructuredFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code executors:} section of {@code cairn.yaml}: one mapping per executor, checked strictly
 * (unknown executors, unknown keys and bad values are one line naming the key, exit 2).
 *
 * <pre>{@code
 * executors:
 *   slurm:
 *     partition: gpu
 *     time: '2:00:00'
 *     cpus: 4
 *     mem: 16G
 *     gres: gpu:1
 *     account: ml-team
 *     sbatch_args: [--qos=normal]
 *     git_remote: origin      # the workers clone from and push to it
 *     remote: store           # the DVC remote they pull from and push to
 * }</pre>
 *
 * <p>{@code local} (the default executor) has no keys. The other names are the {@link
 * BatchEngineProvider}s on the class path.
 */
public final class ExecutorConfig {
  /** The default executor: temp workspaces of this repository. */
  public static final String LOCAL = "local";
  private static final String FILE = "cairn.yaml";

  private final Map<String, Map<String, Object>> sections;
  private final String label;

  private ExecutorConfig(Map<String, Map<String, Object>> sections, String label) {
    this.sections = sections;
    this.label = label;
  }

  /**
   * Reads the {@code executors} section of {@code cairn.yaml} in {@code root} (none: every executor
   * with its defaults).
   *
   * @throws CairnException (invalid input) naming the key when the section is malformed
   */
  public static ExecutorConfig load(Path root) throws CairnException {
    Path f = root.resolve(FILE);
    if (!Files.isRegularFile(f)) {
      return new ExecutorConfig(Map.of(), FILE);
    }
    Object doc;
    try {
      doc = StructuredFiles.parseYaml(Files.readString(f, StandardCharsets.UTF_8), FILE);
    } catch (StructuredFiles.ParseException e) {
      throw CairnException.invalidInput(e.getMessage());
    } catch (IOException e) {
      throw CairnException.failed("Cannot read " + f + ": " + e.getMessage(), e);
    }
    if (!(doc instanceof Map<?, ?> top)) {
      return new ExecutorConfig(Map.of(), FILE);
    }
    return parse(top.get("executors"), FILE);
  }

  /**
   * Checks and keeps an {@code executors} node (null: none).
   *
   * @param label how errors name the file
   * @throws CairnException (invalid input): {@code <label>: executors.<name>[.<key>]: problem}
   */
  public static ExecutorConfig parse(Object node, String label) throws CairnException {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (node == null) {
      return new ExecutorConfig(out, label);
    }
    if (!(node instanceof Map<?, ?> m)) {
      throw Settings.bad(label, "executors", "expected a mapping of executor names, found " + Settings.describe(node));
    }
    for (Map.Entry<?, ?> e : m.entrySet()) {
      String name = String.valueOf(e.getKey());
      String key = "executors." + name;
      Map<String, Object> section = new LinkedHashMap<>();
      if (e.getValue() instanceof Map<?, ?> sm) {
        sm.forEach((k, v) -> section.put(String.valueOf(k), v));
      } else if (e.getValue() != null) {
        throw Settings.bad(label, key, "expected a mapping of settings, found " + Settings.describe(e.getValue()));
      }
      if (name.equals(LOCAL)) {
        if (!section.isEmpty()) {
          throw Settings.bad(label, key + "." + section.keySet().iterator().next(),
              "unknown key (the local executor has no settings; use -j for parallel runs)");
        }
      } else {
        BatchEngineProvider p = provider(name).orElseThrow(() -> Settings.bad(label, key,
            "unknown executor (expected one of " + String.join(", ", names()) + ")"));
        Set<String> allowed = new TreeSet<>(WorkerSettings.KEYS);
        allowed.addAll(p.keys());
        for (String k : section.keySet()) {
          if (!allowed.contains(k)) {
            throw Settings.bad(label, key + "." + k, "unknown key (expected one of " + String.join(", ", allowed) + ")");
          }
        }
        WorkerSettings.parse(section, label, key + ".");
        p.create(section, Map.of(), label);
      }
      out.put(name, section);
    }
    return new ExecutorConfig(out, label);
  }

  /** The executor names available: {@code local} and every provider's, sorted after it. */
  public static Set<String> names() {
    Set<String> out = new java.util.LinkedHashSet<>();
    out.add(LOCAL);
    Set<String> others = new TreeSet<>();
    for (BatchEngineProvider p : ServiceLoader.load(BatchEngineProvider.class, ExecutorConfig.class.getClassLoader())) {
      others.add(p.name());
    }
    out.addAll(others);
    return out;
  }

  static Optional<BatchEngineProvider> provider(String name) {
    for (BatchEngineProvider p : ServiceLoader.load(BatchEngineProvider.class, ExecutorConfig.class.getClassLoader())) {
      if (p.name().equals(name)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** A batch executor ready to use: its engine and its workers' settings. */
  record Batch(BatchEngine engine, WorkerSettings worker) {}

  /**
   * The batch executor {@code name} with this configuration (its defaults when it has no section).
   *
   * @throws CairnException (invalid input) for {@code local} or an unknown name
   */
  Batch batch(String name, Map<String, String> env) throws CairnException {
    BatchEngineProvider p = provider(name).orElseThrow(() -> CairnException.invalidInput("Unknown executor '" + name
        + "' (expected one of " + String.join(", ", names()) + ")"));
    Map<String, Object> section = sections.getOrDefault(name, Map.of());
    return new Batch(p.create(section, env, label), WorkerSettings.parse(section, label, "executors." + name + "."));
  }

  /** Checks an executor name given on the command line. */
  static void checkName(String name) throws CairnException {
    Set<String> all = new HashSet<>(names());
    if (!all.contains(name)) {
      throw CairnException.invalidInput("Unknown executor '" + name + "' (expected one of "
          + String.join(", ", names()) + ")");
    }
  }
}
