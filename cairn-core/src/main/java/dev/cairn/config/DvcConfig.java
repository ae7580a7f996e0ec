package dev.cairn.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * DVC's configuration merged from its four files ({@code system < global < repo < local}), read once
 * when a repository is opened. Relative path values ({@code cache.dir}, remote {@code url}, {@code
 * keyfile}, {@code credentialpath} …) resolve against the directory of the file that set them.
 * Immutable after loading; {@link #file(ConfigLevel)} gives the raw files for editing.
 */
public final class DvcConfig {
  /** Keys whose relative values are paths relative to their config file's directory. */
  static final Set<String> PATH_KEYS = Set.of("dir", "url", "keyfile", "credentialpath", "configpath",
      "cert_path", "key_path", "gdrive_service_account_json_file_path", "gdrive_user_credentials_file");

  private final EnumMap<ConfigLevel, Path> paths = new EnumMap<>(ConfigLevel.class);
  private final EnumMap<ConfigLevel, ConfigFile> files = new EnumMap<>(ConfigLevel.class);

  private DvcConfig() {}

  /**
   * Loads the configuration of a repository.
   *
   * @param dvcDir the repository's {@code .dvc} directory, or null outside a repository
   * @param env the environment ({@code DVC_GLOBAL_CONFIG_DIR}, {@code DVC_SYSTEM_CONFIG_DIR},
   *     {@code XDG_CONFIG_HOME}, {@code HOME})
   */
  public static DvcConfig load(Path dvcDir, Map<String, String> env) throws IOException {
    DvcConfig c = new DvcConfig();
    c.paths.put(ConfigLevel.SYSTEM, systemDir(env).resolve("config"));
    c.paths.put(ConfigLevel.GLOBAL, globalDir(env).resolve("config"));
    if (dvcDir != null) {
      c.paths.put(ConfigLevel.REPO, dvcDir.resolve("config"));
      c.paths.put(ConfigLevel.LOCAL, dvcDir.resolve("config.local"));
    }
    for (Map.Entry<ConfigLevel, Path> e : c.paths.entrySet()) {
      c.files.put(e.getKey(), ConfigFile.read(e.getValue()));
    }
    return c;
  }

  /** The directory of the global config file for {@code env} ({@code DVC_GLOBAL_CONFIG_DIR}, XDG, home). */
  public static Path globalConfigDir(Map<String, String> env) {
    return globalDir(env);
  }

  /** The directory of the system config file for {@code env} ({@code DVC_SYSTEM_CONFIG_DIR} or {@code /etc/xdg/dvc}). */
  public static Path systemConfigDir(Map<String, String> env) {
    return systemDir(env);
  }

  /**
   * The configuration of another repository as one of its revisions records it (a data registry
   * read through Git): the user's system and global files as for any repository, that revision's
   * committed {@code .dvc/config} given as text (no {@code config.local}: it is never committed),
   * and optionally an extra file merged on top in place of {@code config.local} ({@code import
   * --config}). Relative paths of the committed file resolve against {@code dvcDir}, the source's
   * {@code .dvc} directory (on this machine only when the source is a local path).
   *
   * @param repoConfigText the committed {@code .dvc/config}, or null when the revision has none
   * @param label names the text in syntax errors ({@code <url>@<rev>:.dvc/config})
   * @param extraFile a config file merged over the others, or null
   */
  public static DvcConfig forRevision(String repoConfigText, String label, Path dvcDir, Path extraFile,
      Map<String, String> env) throws IOException {
    DvcConfig c = new DvcConfig();
    c.paths.put(ConfigLevel.SYSTEM, systemDir(env).resolve("config"));
    c.paths.put(ConfigLevel.GLOBAL, globalDir(env).resolve("config"));
    c.paths.put(ConfigLevel.REPO, dvcDir.resolve("config"));
    c.files.put(ConfigLevel.SYSTEM, ConfigFile.read(c.paths.get(ConfigLevel.SYSTEM)));
    c.files.put(ConfigLevel.GLOBAL, ConfigFile.read(c.paths.get(ConfigLevel.GLOBAL)));
    c.files.put(ConfigLevel.REPO, repoConfigText == null ? ConfigFile.parse("", label)
        : ConfigFile.parse(repoConfigText, label));
    if (extraFile != null) {
      c.paths.put(ConfigLevel.LOCAL, extraFile.toAbsolutePath().normalize());
      c.files.put(ConfigLevel.LOCAL, ConfigFile.read(extraFile));
    }
    return c;
  }

  static Path globalDir(Map<String, String> env) {
    String d = env.get("DVC_GLOBAL_CONFIG_DIR");
    if (d != null && !d.isEmpty()) {
      return Path.of(d);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isEmpty()) {
      return Path.of(xdg, "dvc");
    }
    return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config", "dvc");
  }

  static Path systemDir(Map<String, String> env) {
    String d = env.get("DVC_SYSTEM_CONFIG_DIR");
    if (d != null && !d.isEmpty()) {
      return Path.of(d);
    }
    return Path.of("/etc/xdg/dvc");
  }

  /** The file behind a level (null for repo/local outside a repository). */
  public Path path(ConfigLevel level) {
    return paths.get(level);
  }

  /** The parsed file of one level, for editing; write it back with {@link ConfigFile#write}. */
  public ConfigFile file(ConfigLevel level) {
    return files.get(level);
  }

  /** The merged value of {@code section.key} (highest level wins), or null. */
  public String get(String section, String key) {
    return resolved(section, key).value();
  }

  /** A value with the directory of the file that set it (for path resolution). */
  public record Value(String value, Path baseDir) {
    /** The value as a path: absolute ones as they are, relative ones against the config file's dir. */
    public Path asPath() {
      String v = value.startsWith("~/") ? System.getProperty("user.home") + value.substring(1) : value;
      Path p = Path.of(v);
      return p.isAbsolute() || baseDir == null ? p : baseDir.resolve(p).normalize();
    }
  }

  /** {@link #get} with the file it came from. */
  public Value resolved(String section, String key) {
    ConfigLevel[] levels = ConfigLevel.values();
    for (int i = levels.length - 1; i >= 0; i--) {
      ConfigFile f = files.get(levels[i]);
      String v = f == null ? null : f.get(section, key);
      if (v != null) {
        return new Value(v, paths.get(levels[i]).getParent());
      }
    }
    return new Value(null, null);
  }

  /** A boolean key (configobj/DVC: true/false, yes/no, 1/0, on/off, case-insensitive). */
  public boolean getBoolean(String section, String key, boolean def) {
    String v = get(section, key);
    if (v == null) {
      return def;
    }
    return switch (v.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> def;
    };
  }

  /** Names of all remotes across levels, in first-seen order. */
  public Set<String> remoteNames() {
    Set<String> names = new LinkedHashSet<>();
    for (ConfigFile f : files.values()) {
      for (String s : f.sections().keySet()) {
        String n = remoteName(s);
        if (n != null) {
          names.add(n);
        }
      }
    }
    return names;
  }

  /** The name inside a {@code remote "name"} section header, or null. */
  public static String remoteName(String section) {
    if (section.startsWith("remote \"") && section.endsWith("\"")) {
      return section.substring(8, section.length() - 1);
    }
    return null;
  }

  /** Section header of a remote. */
  public static String remoteSection(String name) {
    return "remote \"" + name.toLowerCase(Locale.ROOT) + "\"";
  }

  /**
   * A remote's keys merged across levels, path keys resolved to absolute paths (only for local
   * paths; URLs with a scheme are left alone). Null if no level defines it.
   */
  public Map<String, String> remote(String name) {
    String section = remoteSection(name);
    Map<String, String> out = new LinkedHashMap<>();
    boolean found = false;
    for (ConfigLevel level : ConfigLevel.values()) {
      ConfigFile f = files.get(level);
      Map<String, String> s = f == null ? null : f.sections().get(section);
      if (s == null) {
        continue;
      }
      found = true;
      for (Map.Entry<String, String> e : s.entrySet()) {
        String v = e.getValue();
        if (PATH_KEYS.contains(e.getKey()) && !v.contains("://") && !v.isEmpty()) {
          v = new Value(v, paths.get(level).getParent()).asPath().toString();
        }
        out.put(e.getKey(), v);
      }
    }
    return found ? out : null;
  }
}
