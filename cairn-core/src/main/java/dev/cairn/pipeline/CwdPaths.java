package dev.cairn.pipeline;

/**
 * Paths and stage addresses as DVC shows them: relative to the directory the command runs in. Run
 * from {@code sub/}, the root stage {@code prepare} is {@code ../dvc.yaml:prepare}, the stage {@code
 * train} of {@code sub/dvc.yaml} is {@code train}, and the output {@code sub/model} is {@code model}.
 * Lexical only; {@code cwd} is a repo-relative directory ({@code ""} for the root).
 */
public final class CwdPaths {
  private CwdPaths() {}

  /** A repo-relative path ({@code /} separators) relative to the repo-relative directory {@code cwd}. */
  public static String relative(String repoPath, String cwd) {
    String p = Paths.normalize(repoPath);
    String c = Paths.normalize(cwd);
    if (c.isEmpty() || p.startsWith("/")) {
      return p.isEmpty() ? "." : p;
    }
    String[] ps = p.isEmpty() ? new String[0] : p.split("/");
    String[] cs = c.split("/");
    int common = 0;
    while (common < ps.length && common < cs.length && ps[common].equals(cs[common])) {
      common++;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = common; i < cs.length; i++) {
      sb.append(sb.length() == 0 ? "" : "/").append("..");
    }
    for (int i = common; i < ps.length; i++) {
      sb.append(sb.length() == 0 ? "" : "/").append(ps[i]);
    }
    return sb.length() == 0 ? "." : sb.toString();
  }

  /**
   * The stage's address seen from {@code cwd}: the {@code .dvc} file's relative path for a data
   * source, the name alone when the stage's {@code dvc.yaml} is the one in {@code cwd}, else {@code
   * <relative path of its dvc.yaml>:<name>}.
   */
  public static String address(Stage s, String cwd) {
    if (s.dataSource() != null) {
      return relative(s.dataSource(), cwd);
    }
    String file = relative(s.dvcfileDir().isEmpty() ? "dvc.yaml" : s.dvcfileDir() + "/dvc.yaml", cwd);
    return file.equals("dvc.yaml") ? s.name() : file + ":" + s.name();
  }
}
