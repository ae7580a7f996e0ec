package dev.cairn.pipeline;

import java.util.ArrayList;
import java.util.List;

/**
 * A fully resolved stage of a {@code dvc.yaml} (templating, foreach and matrix already expanded).
 *
 * @param name the stage name, {@code group@key} for generated stages
 * @param dvcfileDir directory of the {@code dvc.yaml}, relative to the repo root ({@code ""} for the root),
 *     with {@code /} separators
 * @param cmd the command as written: one element for a string {@code cmd}, the items for a list
 * @param cmdIsList whether {@code cmd} was a YAML list (the lock stores it in the same form)
 * @param wdir the working directory as written, relative to the dvc.yaml dir ({@code "."} by default)
 * @param deps dependency paths as written, relative to wdir, in declaration order
 * @param params tracked params grouped by file, files in order of first appearance (bare keys belong to
 *     {@code params.yaml})
 * @param outs outputs in order: {@code outs}, then {@code metrics}, then {@code plots}
 * @param meta the {@code meta} value or null
 * @param dataSource for the stage a {@code .dvc} file stands for (DVC treats such a file as a stage
 *     without a command: a data source), the file's repo-relative path; null for a {@code dvc.yaml}
 *     stage
 */
public record Stage(String name, String dvcfileDir, List<String> cmd, boolean cmdIsList, String wdir,
    List<String> deps, List<ParamDep> params, List<Out> outs, boolean frozen, boolean alwaysChanged,
    String desc, Object meta, String dataSource) {
  public Stage {
    cmd = List.copyOf(cmd);
    deps = List.copyOf(deps);
    params = List.copyOf(params);
    outs = List.copyOf(outs);
    wdir = wdir == null ? "." : wdir;
  }

  /** A stage of a {@code dvc.yaml}. */
  public Stage(String name, String dvcfileDir, List<String> cmd, boolean cmdIsList, String wdir,
      List<String> deps, List<ParamDep> params, List<Out> outs, boolean frozen, boolean alwaysChanged,
      String desc, Object meta) {
    this(name, dvcfileDir, cmd, cmdIsList, wdir, deps, params, outs, frozen, alwaysChanged, desc, meta, null);
  }

  /**
   * The stage a {@code .dvc} file stands for: no command, its outputs (paths relative to {@code
   * wdir}, itself relative to the file's directory).
   *
   * @param dvcFile the file's repo-relative path, {@code /} separators
   */
  public static Stage ofDvcFile(String dvcFile, String wdir, List<String> deps, List<Out> outs, boolean frozen,
      String desc) {
    int slash = dvcFile.lastIndexOf('/');
    String dir = slash < 0 ? "" : dvcFile.substring(0, slash);
    return new Stage(dvcFile.substring(slash + 1), dir, List.of(), false, wdir, deps, List.of(), outs, frozen, false,
        desc, null, dvcFile);
  }

  /** Whether this stage stands for a {@code .dvc} file (see {@link #dataSource()}). */
  public boolean isDataSource() {
    return dataSource != null;
  }

  /**
   * The command lines to run, in order: the lines of a string cmd (Python {@code splitlines()}; blank
   * lines, which would run as no-ops, are left out), or the list items.
   */
  public List<String> commands() {
    List<String> lines = new ArrayList<>();
    for (String c : cmd) {
      if (cmdIsList) {
        lines.add(c);
      } else {
        for (String l : c.split("\r\n|[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]")) {
          if (!l.isBlank()) {
            lines.add(l);
          }
        }
      }
    }
    return lines;
  }

  /** The {@code cmd} value as stored in {@code dvc.lock}: a string, or a list of strings. */
  public Object lockCmd() {
    return cmdIsList ? cmd : (cmd.isEmpty() ? "" : cmd.get(0));
  }

  /**
   * DVC's address from the repository root: the name for the root {@code dvc.yaml}, else {@code
   * dir/dvc.yaml:name}; a data source's {@code .dvc} path. {@link CwdPaths#address} gives it as seen
   * from another directory.
   */
  public String address() {
    if (dataSource != null) {
      return dataSource;
    }
    return dvcfileDir.isEmpty() ? name : dvcfileDir + "/dvc.yaml:" + name;
  }

  /** A callback stage: a command with no deps, params or outs (always considered changed). */
  public boolean isCallback() {
    return !cmd.isEmpty() && deps.isEmpty() && params.isEmpty() && outs.isEmpty();
  }

  /** Normalises a path written in this stage to a repo-relative path ({@code /} separators). */
  public String repoPath(String path) {
    return Paths.join(dvcfileDir, Paths.join(wdir, path));
  }

  /** The repo-relative path of a params file of this stage. */
  public String repoPath(ParamDep p) {
    return repoPath(p.file());
  }
}
