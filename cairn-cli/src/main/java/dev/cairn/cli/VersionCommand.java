package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.api.DoctorCommand;
import dev.cairn.format.PyJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;

/** {@code cairn version} (alias {@code doctor}): the version and the environment, as {@code dvc doctor}. */
@Command(name = "version", aliases = "doctor", description = {
    "Print Cairn's version and the environment it runs in, as DVC's version/doctor does: Java and the operating"
        + " system, where MD5 runs (OpenSSL or the JDK), the remote types supported and the config locations;"
        + " inside a repository also the link types that work between the cache and the workspace, the file"
        + " systems of both, the remotes configured and whether Git is used. Paste it into bug reports.",
    "'cairn --version' prints the version line alone."})
final class VersionCommand extends BaseCommand {
  @Mixin
  JsonOption json;

  @Override
  int doCall() throws Exception {
    DoctorCommand.Report r = Cairn.doctor(workDir(), env()).call();
    if (json.json) {
      out().println(PyJson.dumpsUnsorted(toJson(r)));
      return 0;
    }
    String head = "Cairn version: " + version();
    out().println(head);
    out().println("-".repeat(head.length()));
    out().println("Platform: Java " + r.java() + " on " + r.os());
    out().println("MD5: " + r.md5());
    out().println("Supports:\n\t" + String.join(",\n\t", r.remoteTypes()));
    out().println("Config:\n\tGlobal: " + r.globalConfigDir() + "\n\tSystem: " + r.systemConfigDir());
    DoctorCommand.RepoInfo repo = r.repo();
    if (repo != null) {
      if (repo.cacheTypes() == null) {
        out().println("Cache types: none yet (the cache directory " + repo.cacheDir() + " does not exist)");
      } else {
        out().println("Cache types: " + (repo.cacheTypes().isEmpty() ? "copy only" : String.join(", ",
            repo.cacheTypes())) + (repo.configuredCacheType() == null ? "" : " (cache.type = "
            + repo.configuredCacheType() + ")"));
        out().println("Cache directory: " + repo.cacheFilesystem());
      }
      out().println("Caches: local");
      out().println("Remotes: " + (repo.remotes().isEmpty() ? "None" : String.join(", ", repo.remotes())));
      out().println("Workspace directory: " + repo.workspaceFilesystem());
      out().println("Repo: " + repo.scm());
    }
    return 0;
  }

  private static Map<String, Object> toJson(DoctorCommand.Report r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version());
    m.put("java", r.java());
    m.put("os", r.os());
    m.put("md5", r.md5());
    m.put("supports", r.remoteTypes());
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("global", r.globalConfigDir().toString());
    config.put("system", r.systemConfigDir().toString());
    m.put("config", config);
    DoctorCommand.RepoInfo repo = r.repo();
    if (repo == null) {
      m.put("repo", null);
    } else {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("root", repo.root().toString());
      x.put("cache_dir", repo.cacheDir().toString());
      x.put("cache_types", repo.cacheTypes());
      x.put("cache_type_config", repo.configuredCacheType());
      x.put("cache_filesystem", repo.cacheFilesystem());
      x.put("remotes", List.copyOf(repo.remotes()));
      x.put("workspace_filesystem", repo.workspaceFilesystem());
      x.put("scm", repo.scm());
      m.put("repo", x);
    }
    return m;
  }

  static String version() {
    return BuildInfo.version();
  }

  /** Supplies {@code --version}. */
  public static final class Provider implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cairn " + version()};
    }
  }
}
