package dev.cairn.exp;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One experiment's Git ref in DVC's layout: {@code refs/exps/<sha[0:2]>/<sha[2:]>/<name>}, where
 * sha is the full 40-hex SHA of the baseline commit the experiment was run from.
 *
 * @param baselineSha the baseline commit, 40 lower-case hex digits
 * @param name the experiment name, a valid Git ref component without {@code /}
 */
public record ExpRef(String baselineSha, String name) {
  /** The namespace every experiment ref lives under. */
  public static final String EXPS_NAMESPACE = "refs/exps";
  /** The workspace queue stash. */
  public static final String WORKSPACE_STASH = EXPS_NAMESPACE + "/stash";
  /** The {@code --queue} entries. */
  public static final String CELERY_STASH = EXPS_NAMESPACE + "/celery/stash";
  /** Queue entries whose run failed. */
  public static final String CELERY_FAILED_STASH = EXPS_NAMESPACE + "/celery/failed";
  /** Executor state refs. */
  public static final String EXEC_NAMESPACE = EXPS_NAMESPACE + "/exec";
  public static final String EXEC_HEAD = EXEC_NAMESPACE + "/EXEC_HEAD";
  public static final String EXEC_BASELINE = EXEC_NAMESPACE + "/EXEC_BASELINE";
  public static final String EXEC_BRANCH = EXEC_NAMESPACE + "/EXEC_BRANCH";
  public static final String EXEC_MERGE = EXEC_NAMESPACE + "/EXEC_MERGE";
  public static final String EXEC_APPLY = EXEC_NAMESPACE + "/EXEC_APPLY";
  /** {@code exp apply} state. */
  public static final String APPLY_NAMESPACE = EXPS_NAMESPACE + "/apply";
  public static final String APPLY_HEAD = APPLY_NAMESPACE + "/ORIG_HEAD";
  public static final String APPLY_STASH = APPLY_NAMESPACE + "/stash";
  /** Temporary ref. */
  public static final String TEMP = EXPS_NAMESPACE + "/temp";

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
  // a conservative subset of git-check-ref-format for one component
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.+-]*");

  public ExpRef {
    Objects.requireNonNull(baselineSha, "baselineSha");
    Objects.requireNonNull(name, "name");
    if (!SHA.matcher(baselineSha).matches()) {
      throw new IllegalArgumentException("baseline must be a full 40-hex SHA: " + baselineSha);
    }
    if (!isValidName(name)) {
      throw new IllegalArgumentException("invalid experiment name: " + name);
    }
  }

  /**
   * Whether {@code name} can be an experiment name: one Git ref component of letters, digits,
   * {@code _ . + -}, not starting with {@code . or -}, not ending in {@code .lock} or {@code .}, no
   * {@code ..}.
   */
  public static boolean isValidName(String name) {
    return name != null
        && NAME.matcher(name).matches()
        && !name.contains("..")
        && !name.endsWith(".lock")
        && !name.endsWith(".");
  }

  /** The full ref name, e.g. {@code refs/exps/ab/cdef…/my-exp}. */
  public String refName() {
    return EXPS_NAMESPACE + "/" + baselineSha.substring(0, 2) + "/" + baselineSha.substring(2) + "/" + name;
  }

  /** The prefix under which every experiment of one baseline lives, ending in {@code /}. */
  public static String baselinePrefix(String baselineSha) {
    return EXPS_NAMESPACE + "/" + baselineSha.substring(0, 2) + "/" + baselineSha.substring(2) + "/";
  }

  /**
   * Parses an experiment ref name; empty for the stash, exec, apply, temp and any other non-experiment
   * ref under {@code refs/exps}.
   */
  public static Optional<ExpRef> parse(String refName) {
    if (refName == null || !refName.startsWith(EXPS_NAMESPACE + "/")) {
      return Optional.empty();
    }
    String[] parts = refName.substring(EXPS_NAMESPACE.length() + 1).split("/", -1);
    if (parts.length != 3 || parts[0].length() != 2) {
      return Optional.empty();
    }
    String sha = parts[0] + parts[1];
    if (!SHA.matcher(sha).matches() || !isValidName(parts[2])) {
      return Optional.empty();
    }
    return Optional.of(new ExpRef(sha, parts[2]));
  }

  @Override
  public String toString() {
    return refName();
  }
}
