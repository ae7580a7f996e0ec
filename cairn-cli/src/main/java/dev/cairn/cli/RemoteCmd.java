package dev.cairn.cli;

import dev.cairn.config.ConfigEditor;
import dev.cairn.config.ConfigLevel;
import dev.cairn.format.PyJson;
import dev.cairn.storage.Redact;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "remote", description = "Manage remotes (DVC's ['remote \"name\"'] sections).",
    subcommands = {RemoteCmd.Add.class, RemoteCmd.ListCmd.class, RemoteCmd.Modify.class, RemoteCmd.Remove.class,
        RemoteCmd.Rename.class, RemoteCmd.Default.class})
final class RemoteCmd extends GroupCommand {
  abstract static class Edit extends BaseCommand {
    @ArgGroup(exclusive = true)
    ConfigSupport.LevelOptions levels = new ConfigSupport.LevelOptions();

    @Override
    int doCall() throws Exception {
      try {
        edit(ConfigSupport.editor(workDir(), levels.level(ConfigLevel.REPO)), levels.level(ConfigLevel.REPO));
      } catch (ConfigEditor.ConfigException e) {
        throw ConfigSupport.translate(e);
      }
      return 0;
    }

    abstract void edit(ConfigEditor ed, ConfigLevel level) throws Exception;
  }

  @Command(name = "add", description = "Add a remote: a local path, s3://, azure://, ssh://, http(s)://.")
  static final class Add extends Edit {
    @Parameters(index = "0", paramLabel = "<name>")
    String name;

    @Parameters(index = "1", paramLabel = "<url>")
    String url;

    @Option(names = {"-d", "--default"}, description = "Make it the default remote (core.remote).")
    boolean makeDefault;

    @Option(names = {"-f", "--force"}, description = "Replace an existing remote of that name.")
    boolean force;

    @Override
    void edit(ConfigEditor ed, ConfigLevel level) throws Exception {
      if (url.toLowerCase(java.util.Locale.ROOT).startsWith("sftp://")) {
        throw dev.cairn.errors.CairnException.invalidInput("Unsupported URL type 'sftp://': use 'ssh://' for SFTP"
            + " remotes, as DVC does");
      }
      ed.addRemote(level, name, url, makeDefault, force);
    }
  }

  @Command(name = "list", description = "List remotes and their URLs.")
  static final class ListCmd extends BaseCommand {
    @Mixin
    JsonOption json;

    @Override
    int doCall() throws Exception {
      ConfigEditor ed = ConfigSupport.editor(workDir(), ConfigLevel.GLOBAL);
      Map<String, String> m = new LinkedHashMap<>();
      for (String[] r : ed.listRemotes()) {
        m.put(r[0], Redact.url(r[1]));
      }
      if (json.json) {
        out().println(PyJson.dumpsUnsorted(m));
      } else {
        m.forEach((k, v) -> out().println(k + "\t" + v));
      }
      return 0;
    }
  }

  @Command(name = "modify", description = "Set (or --unset) a key of a remote, e.g. endpointurl, region, user.")
  static final class Modify extends Edit {
    @Parameters(index = "0", paramLabel = "<name>")
    String name;

    @Parameters(index = "1", paramLabel = "<option>")
    String option;

    @Parameters(index = "2", arity = "0..1", paramLabel = "<value>")
    String value;

    @Option(names = {"-u", "--unset"}, description = "Remove the option.")
    boolean unset;

    @Override
    void edit(ConfigEditor ed, ConfigLevel level) throws Exception {
      if (!unset && value == null) {
        throw new ExitException(ExitCodes.USAGE, "cairn remote modify: give a value, or use --unset");
      }
      ed.modifyRemote(level, name, option, unset ? null : value);
    }
  }

  @Command(name = "remove", description = "Remove a remote from every config file.")
  static final class Remove extends Edit {
    @Parameters(paramLabel = "<name>")
    String name;

    @Override
    void edit(ConfigEditor ed, ConfigLevel level) throws Exception {
      ed.removeRemote(name);
    }
  }

  @Command(name = "rename", description = "Rename a remote.")
  static final class Rename extends Edit {
    @Parameters(index = "0", paramLabel = "<name>")
    String name;

    @Parameters(index = "1", paramLabel = "<new>")
    String newName;

    @Override
    void edit(ConfigEditor ed, ConfigLevel level) throws Exception {
      ed.renameRemote(name, newName);
    }
  }

  @Command(name = "default", description = "Print, set or (--unset) the default remote.")
  static final class Default extends Edit {
    @Parameters(arity = "0..1", paramLabel = "<name>")
    String name;

    @Option(names = {"-u", "--unset"}, description = "Unset the default.")
    boolean unset;

    @Override
    void edit(ConfigEditor ed, ConfigLevel level) throws Exception {
      if (name == null && !unset) {
        String d = ed.get(null, "core.remote");
        if (d == null) {
          throw new ExitException(ExitCodes.FAILED, "ERROR: no default remote set; use 'cairn remote default <name>'");
        }
        out().println(d);
        return;
      }
      ed.setDefaultRemote(level, unset ? null : name);
    }
  }
}
