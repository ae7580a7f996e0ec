package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.config.ConfigEditor;
import dev.cairn.config.ConfigLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cache", description = "Cache settings.", subcommands = {CacheCmd.Dir.class})
final class CacheCmd extends GroupCommand {
  @Command(name = "dir", description = "Print the cache directory, or set cache.dir (relative paths are stored relative to .dvc/).")
  static final class Dir extends BaseCommand {
    @Parameters(arity = "0..1", paramLabel = "<value>")
    String value;

    @picocli.CommandLine.ArgGroup(exclusive = true)
    ConfigSupport.LevelOptions levels = new ConfigSupport.LevelOptions();

    @Override
    int doCall() throws Exception {
      if (value == null) {
        try (Cairn c = open()) {
          out().println(c.repo().cacheDir());
        }
        return 0;
      }
      ConfigLevel level = levels.level(ConfigLevel.REPO);
      try {
        ConfigSupport.editor(workDir(), level).set(level, "cache.dir", value);
      } catch (ConfigEditor.ConfigException e) {
        throw ConfigSupport.translate(e);
      }
      return 0;
    }
  }
}
