package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.errors.NotARepositoryException;
import dev.cairn.config.ConfigEditor;
import dev.cairn.config.ConfigLevel;
import dev.cairn.config.DvcConfig;
import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Shared by config, remote and cache: which file to edit, and the editor for it. */
final class ConfigSupport {
  private ConfigSupport() {}

  /** {@code --global | --system | --project | --local}. */
  static final class LevelOptions {
    @Option(names = "--global", description = "Use the global config (~/.config/dvc/config).")
    boolean global;

    @Option(names = "--system", description = "Use the system config.")
    boolean system;

    @Option(names = "--project", description = "Use the repository config .dvc/config (default).")
    boolean project;

    @Option(names = "--local", description = "Use .dvc/config.local (Git-ignored: the place for secrets).")
    boolean local;

    ConfigLevel level(ConfigLevel def) {
      if (global) {
        return ConfigLevel.GLOBAL;
      }
      if (system) {
        return ConfigLevel.SYSTEM;
      }
      if (local) {
        return ConfigLevel.LOCAL;
      }
      if (project) {
        return ConfigLevel.REPO;
      }
      return def;
    }
  }

  static ConfigEditor editor(Path workDir, ConfigLevel level) throws CairnException, IOException {
    Path dvcDir = null;
    try (Cairn c = Cairn.open(workDir)) {
      dvcDir = c.repo().dvcDir();
    } catch (NotARepositoryException e) {
      if (level == ConfigLevel.REPO || level == ConfigLevel.LOCAL) {
        throw e;
      }
    }
    return new ConfigEditor(DvcConfig.load(dvcDir, System.getenv()), workDir);
  }

  static CairnException translate(ConfigEditor.ConfigException e) {
    return CairnException.invalidInput(e.getMessage());
  }

}
