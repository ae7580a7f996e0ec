package dev.cairn.cli;

import dev.cairn.config.ConfigEditor;
import dev.cairn.config.ConfigLevel;
import dev.cairn.format.PyJson;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "config", description = {
    "Get, set or unset DVC configuration (configobj files: .dvc/config, .dvc/config.local, global, system).",
    "Names are 'section.key' or 'remote.<name>.key', e.g. 'core.remote', 'cache.type'."})
final class ConfigCmd extends BaseCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<name>")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "<value>")
  String value;

  @Option(names = {"-u", "--unset"}, description = "Remove the option.")
  boolean unset;

  @Option(names = {"-l", "--list"}, description = "List all options (merged, or of the chosen file).")
  boolean list;

  @picocli.CommandLine.ArgGroup(exclusive = true)
  ConfigSupport.LevelOptions levels = new ConfigSupport.LevelOptions();

  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    boolean explicit = levels.global || levels.system || levels.local || levels.project;
    ConfigLevel level = levels.level(ConfigLevel.REPO);
    try {
      ConfigEditor ed = ConfigSupport.editor(workDir(), level);
      if (list) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        ed.list(explicit ? level : null).forEach((k, v) -> all.put(k, masked(k, v)));
        if (json.json) {
          out().println(PyJson.dumpsUnsorted(all));
        } else {
          all.forEach((k, v) -> out().println(k + "=" + v));
        }
        return 0;
      }
      if (name == null) {
        throw new ExitException(ExitCodes.USAGE, "cairn config: give a name, or use --list");
      }
      if (unset) {
        ed.unset(level, name);
      } else if (value == null) {
        String v = ed.get(explicit ? level : null, name);
        if (v == null) {
          throw new ExitException(ExitCodes.FAILED, "ERROR: config '" + name + "' is not set");
        }
        out().println(v);
      } else {
        ed.set(level, name, value);
      }
    } catch (ConfigEditor.ConfigException e) {
      throw ConfigSupport.translate(e);
    }
    return 0;
  }

  /** Option names whose values are credentials: {@code --list} shows them as {@code ***}. */
  static final java.util.Set<String> SECRET_OPTIONS = java.util.Set.of("password", "passphrase", "access_key_id",
      "secret_access_key", "session_token", "account_key", "sas_token", "connection_string", "client_secret",
      "gdrive_client_secret", "token");

  /**
   * A listed value as shown: credentials masked, a password in a URL too. Reading one option by name
   * ({@code cairn config remote.x.password}) still prints it: that is the way to ask for it.
   */
  static String masked(String key, String value) {
    String option = key.substring(key.lastIndexOf('.') + 1);
    if (SECRET_OPTIONS.contains(option) && value != null && !value.isEmpty()) {
      return "***";
    }
    return option.equals("url") ? dev.cairn.storage.Redact.url(value) : value;
  }
}
