package dev.cairn.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Edits DVC's config files as {@code dvc config}, {@code dvc remote} and {@code dvc cache dir} do:
 * names are lower-cased, remotes live in {@code ['remote "name"']} sections, and relative local
 * paths given on the command line are rewritten relative to the config file's directory.
 * Every method writes the file atomically.
 */
public final class ConfigEditor {
  /** Sections DVC's schema knows; other names are refused. */
  static final Set<String> SECTIONS = Set.of("core", "cache", "remote", "exp", "parsing", "plots", "state", "index",
      "hydra", "studio", "db", "machine", "feature");

  private final DvcConfig config;
  private final Path cwd;

  /** Thrown for a bad name or a missing remote; the message is for the user. */
  public static final class ConfigException extends IOException {
    public ConfigException(String message) {
      super(message);
    }
  }

  /** Parsed {@code section.key} or {@code remote.name.key}. */
  public record Name(String section, String key) {}

  public ConfigEditor(DvcConfig config, Path cwd) {
    this.config = config;
    this.cwd = cwd;
  }

  /** Parses a dotted config name. */
  public static Name parseName(String name) throws ConfigException {
    String n = name.toLowerCase(Locale.ROOT);
    String[] parts = n.split("\\.");
    if (parts.length == 3 && (parts[0].equals("remote") || parts[0].equals("db") || parts[0].equals("machine"))) {
      return new Name(parts[0] + " \"" + parts[1] + "\"", parts[2]);
    }
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new ConfigException("Invalid config name '" + name + "': expected 'section.key' or 'remote.<name>.key'");
    }
    if (!SECTIONS.contains(parts[0])) {
      throw new ConfigException("Unknown config section '" + parts[0] + "' in '" + name + "'");
    }
    return new Name(parts[0], parts[1]);
  }

  private ConfigFile file(ConfigLevel level) throws ConfigException {
    ConfigFile f = config.file(level);
    if (f == null) {
      throw new ConfigException("The " + level.name().toLowerCase(Locale.ROOT)
          + " config needs a repository; run inside one or use --global");
    }
    return f;
  }

  private void save(ConfigLevel level) throws IOException {
    try {
      config.file(level).write(config.path(level));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(config.path(level) + ": " + e.getMessage());
    }
  }

  /** Value at one level (null = merged). */
  public String get(ConfigLevel level, String name) throws ConfigException {
    Name n = parseName(name);
    return level == null ? config.get(n.section(), n.key()) : file(level).get(n.section(), n.key());
  }

  /** Sets a value; relative local paths for path keys are rebased to the config file's directory. */
  public void set(ConfigLevel level, String name, String value) throws IOException {
    Name n = parseName(name);
    String v = value;
    if (DvcConfig.PATH_KEYS.contains(n.key())) {
      v = rebase(level, value);
    }
    file(level).set(n.section(), n.key(), v);
    save(level);
  }

  /** Removes a value. */
  public void unset(ConfigLevel level, String name) throws IOException {
    Name n = parseName(name);
    if (!file(level).unset(n.section(), n.key())) {
      throw new ConfigException("Config '" + name + "' is not set in the " + level.name().toLowerCase(Locale.ROOT)
          + " config");
    }
    save(level);
  }

  /** All values as dotted names (merged when level is null). */
  public Map<String, String> list(ConfigLevel level) {
    Map<String, String> out = new LinkedHashMap<>();
    List<ConfigLevel> levels = level == null ? List.of(ConfigLevel.values()) : List.of(level);
    for (ConfigLevel l : levels) {
      ConfigFile f = config.file(l);
      if (f == null) {
        continue;
      }
      for (Map.Entry<String, Map<String, String>> s : f.sections().entrySet()) {
        String prefix = s.getKey();
        String rn = DvcConfig.remoteName(prefix);
        if (rn != null) {
          prefix = "remote." + rn;
        } else if (prefix.contains(" \"")) {
          prefix = prefix.replace(" \"", ".").replace("\"", "");
        }
        for (Map.Entry<String, String> kv : s.getValue().entrySet()) {
          out.put(prefix + "." + kv.getKey(), kv.getValue());
        }
      }
    }
    return out;
  }

  String rebase(ConfigLevel level, String value) {
    if (value.contains("://") || value.startsWith("~") || value.isEmpty()) {
      return value;
    }
    Path p = Path.of(value);
    if (p.isAbsolute()) {
      return value;
    }
    Path base = config.path(level).getParent().toAbsolutePath().normalize();
    Path abs = cwd.resolve(p).toAbsolutePath().normalize();
    return base.relativize(abs).toString().replace('\\', '/');
  }

  /** {@code remote add}: refuses an existing name unless {@code force}; {@code makeDefault} sets core.remote. */
  public void addRemote(ConfigLevel level, String name, String url, boolean makeDefault, boolean force) throws IOException {
    String n = checkRemoteName(name);
    ConfigFile f = file(level);
    String section = DvcConfig.remoteSection(n);
    if (f.sections().containsKey(section) && !force) {
      throw new ConfigException("Remote '" + n + "' already exists; use --force to replace it or 'remote modify'");
    }
    f.sections().remove(section);
    f.set(section, "url", rebase(level, url));
    if (makeDefault) {
      f.set("core", "remote", n);
    }
    save(level);
  }

  /** {@code remote modify}: sets or (with null value) unsets a key of an existing remote. */
  public void modifyRemote(ConfigLevel level, String name, String key, String value) throws IOException {
    String n = checkRemoteName(name);
    if (!config.remoteNames().contains(n)) {
      throw new ConfigException("Remote '" + n + "' does not exist; see 'cairn remote list'");
    }
    String k = key.toLowerCase(Locale.ROOT);
    String section = DvcConfig.remoteSection(n);
    if (value == null) {
      if (!file(level).unset(section, k)) {
        throw new ConfigException("Remote '" + n + "' has no '" + k + "' in the " + level.name().toLowerCase(Locale.ROOT)
            + " config");
      }
    } else {
      file(level).set(section, k, DvcConfig.PATH_KEYS.contains(k) ? rebase(level, value) : value);
    }
    save(level);
  }

  /** {@code remote remove}: drops the remote from every level it is in, and core.remote if it pointed there. */
  public void removeRemote(String name) throws IOException {
    String n = checkRemoteName(name);
    boolean found = false;
    for (ConfigLevel l : ConfigLevel.values()) {
      ConfigFile f = config.file(l);
      if (f == null) {
        continue;
      }
      boolean changed = f.sections().remove(DvcConfig.remoteSection(n)) != null;
      found |= changed;
      if (n.equals(f.get("core", "remote"))) {
        f.unset("core", "remote");
        changed = true;
      }
      if (changed && java.nio.file.Files.exists(config.path(l))) {
        save(l);
      }
    }
    if (!found) {
      throw new ConfigException("Remote '" + n + "' does not exist; see 'cairn remote list'");
    }
  }

  /** {@code remote rename}. */
  public void renameRemote(String name, String newName) throws IOException {
    String n = checkRemoteName(name);
    String nn = checkRemoteName(newName);
    if (config.remoteNames().contains(nn)) {
      throw new ConfigException("Remote '" + nn + "' already exists");
    }
    boolean found = false;
    for (ConfigLevel l : ConfigLevel.values()) {
      ConfigFile f = config.file(l);
      if (f == null) {
        continue;
      }
      Map<String, String> s = f.sections().get(DvcConfig.remoteSection(n));
      boolean changed = false;
      if (s != null) {
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : f.sections().entrySet()) {
          copy.put(e.getKey().equals(DvcConfig.remoteSection(n)) ? DvcConfig.remoteSection(nn) : e.getKey(), e.getValue());
        }
        f.sections().clear();
        f.sections().putAll(copy);
        found = true;
        changed = true;
      }
      if (n.equals(f.get("core", "remote"))) {
        f.set("core", "remote", nn);
        changed = true;
      }
      if (changed) {
        save(l);
      }
    }
    if (!found) {
      throw new ConfigException("Remote '" + n + "' does not exist; see 'cairn remote list'");
    }
  }

  /** {@code remote default [name]}: sets (or with null unsets) core.remote. */
  public void setDefaultRemote(ConfigLevel level, String name) throws IOException {
    if (name == null) {
      file(level).unset("core", "remote");
    } else {
      String n = checkRemoteName(name);
      if (!config.remoteNames().contains(n)) {
        throw new ConfigException("Remote '" + n + "' does not exist; see 'cairn remote list'");
      }
      file(level).set("core", "remote", n);
    }
    save(level);
  }

  /** Remotes with their URLs (merged). */
  public List<String[]> listRemotes() {
    List<String[]> out = new ArrayList<>();
    for (String n : config.remoteNames()) {
      Map<String, String> r = config.remote(n);
      out.add(new String[] {n, r == null ? "" : rawUrl(n)});
    }
    return out;
  }

  private String rawUrl(String n) {
    for (int i = ConfigLevel.values().length - 1; i >= 0; i--) {
      ConfigFile f = config.file(ConfigLevel.values()[i]);
      String u = f == null ? null : f.get(DvcConfig.remoteSection(n), "url");
      if (u != null) {
        return u;
      }
    }
    return "";
  }

  static String checkRemoteName(String name) throws ConfigException {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.isEmpty() || !n.matches("[a-z0-9_.\\-]+")) {
      throw new ConfigException("Invalid remote name '" + name + "': use letters, digits, '-', '_' or '.'");
    }
    return n;
  }
}
