package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.config.ConfigEditor;
import dev.cairn.config.ConfigLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cache", description = "Cache settings and migration.", subcommands = {CacheCmd.Dir.class,
    CacheCmd.Migrate.class})
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

  @Command(name = "migrate", description = {
      "Migrate a DVC 2 cache to the DVC 3.0 cache location, as DVC's cache migrate does: every legacy object"
          + " (<cache>/xx/…) is re-hashed with MD5 and linked into <cache>/files/md5/ (directory manifests keep"
          + " their bytes); the legacy objects stay. With --dvc-files the legacy entries of .dvc files and dvc.lock"
          + " are re-hashed from the workspace and rewritten with 'hash: md5' as well."})
  static final class Migrate extends BaseCommand {
    @picocli.CommandLine.Option(names = "--dvc-files", description = "Also migrate the entries of every .dvc file and"
        + " dvc.lock to the DVC 3.0 format.")
    boolean dvcFiles;

    @picocli.CommandLine.Option(names = "--dry", description = "Only print what would be done.")
    boolean dry;

    @Override
    int doCall() throws Exception {
      try (Cairn c = open()) {
        dev.cairn.api.CacheMigrateCommand.MigrateResult r = c.cacheMigrate().setDvcFiles(dvcFiles).setDryRun(dry)
            .setProgressMonitor(monitor()).call();
        out().println(dry ? r.objects() + " files will be re-hashed and migrated to the DVC 3.0 cache location."
            : "Migrated " + r.objects() + " files to DVC 3.0 cache location.");
        if (dvcFiles) {
          if (r.files().isEmpty()) {
            out().println("No DVC files in the repo to migrate to the 3.0 format.");
          } else if (dry) {
            out().println("Entries in following DVC files will be migrated to the 3.0 format:");
            r.files().stream().sorted().forEach(f -> out().println("\t" + f));
          } else {
            r.files().stream().filter(f -> f.endsWith(".dvc")).forEach(f -> out().println("Updating DVC file '" + f
                + "'"));
          }
        }
      }
      return 0;
    }
  }
}
