package dev.cairn.ci;

import dev.cairn.config.DvcConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The CI files {@code cairn ci init} writes, as text (path → content). */
public final class Workflows {
  /** Paths whose change triggers the report (as the demo's {@code run_test.yaml}). */
  public static final List<String> PATHS = List.of("src/**", "tests/**", "params.yaml", "dvc.yaml", "dvc.lock", "*.dvc",
      "**/*.dvc", "cairn.yaml", ".cairn/wrapper.properties");

  public static final String GITHUB_FILE = ".github/workflows/cairn.yml";
  public static final String GITHUB_COMMENT_FILE = ".github/workflows/cairn-comment.yml";
  public static final String GITHUB_MATRIX_FILE = ".github/workflows/cairn-experiments.yml";
  public static final String GITLAB_FILE = ".gitlab-ci.yml";
  public static final String GITEA_FILE = ".gitea/workflows/cairn.yml";
  public static final String REPORT_DIR = "report";
  /** Where GitLab keeps the wrapper's distributions: inside the project, the only place its cache reaches. */
  static final String GITLAB_WRAPPER_HOME = ".cairn-wrapper";

  private Workflows() {}

  /**
   * The secrets the remotes need, by variable name, in name order: S3 keys, the Azure connection
   * string, the Google credentials file; none for local, SSH or HTTP remotes (configure those in
   * {@code .dvc/config.local} on the runner).
   */
  public static Map<String, String> remoteSecrets(DvcConfig config) {
    Map<String, String> out = new TreeMap<>();
    for (String name : config.remoteNames()) {
      String url = config.remote(name).getOrDefault("url", "");
      String scheme = url.contains("://") ? url.substring(0, url.indexOf("://")).toLowerCase(Locale.ROOT) : "";
      switch (scheme) {
        case "s3" -> {
          out.put("AWS_ACCESS_KEY_ID", "AWS_ACCESS_KEY_ID");
          out.put("AWS_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY");
        }
        case "azure" -> out.put("AZURE_STORAGE_CONNECTION_STRING", "AZURE_STORAGE_CONNECTION_STRING");
        case "gs", "gcs" -> out.put("GOOGLE_APPLICATION_CREDENTIALS", "GOOGLE_APPLICATION_CREDENTIALS");
        default -> { }
      }
    }
    return out;
  }

  private static String paths(String indent) {
    StringBuilder sb = new StringBuilder();
    for (String p : PATHS) {
      sb.append(indent).append("- '").append(p).append("'\n");
    }
    return sb.toString();
  }

  private static String env(Map<String, String> secrets, String tokenVar, String indent) {
    StringBuilder sb = new StringBuilder();
    sb.append(indent).append(tokenVar).append(": ${{ secrets.GITHUB_TOKEN }}\n");
    secrets.forEach((k, v) -> sb.append(indent).append(k).append(": ${{ secrets.").append(v).append(" }}\n"));
    return sb.toString();
  }

  private static final String SETUP = """
            - uses: actions/checkout@v4
              with:
                fetch-depth: 0
            - uses: actions/setup-java@v4
              with:
                distribution: temurin
                java-version: '17'
                cache: maven
            - name: Cache the Cairn distribution of ./cairnw
              uses: actions/cache@v4
              with:
                path: ~/.cairn/wrapper
                key: cairn-wrapper-${{ hashFiles('.cairn/wrapper.properties') }}
      """;

  /** GitHub Actions: one workflow, or with {@code forkSafe} the report workflow plus the comment workflow. */
  public static Map<String, String> github(Map<String, String> secrets, boolean forkSafe) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!forkSafe) {
      out.put(GITHUB_FILE, "# Written by 'cairn ci init --github'. The report is posted on the pull request and\n"
          + "# updated in place on every push; the check fails when tests or gates (cairn.yaml) fail.\n"
          + "name: Cairn report\n"
          + "on:\n  pull_request:\n    paths:\n" + paths("      ") + "      - '" + GITHUB_FILE + "'\n"
          + "permissions:\n  contents: read\n  pull-requests: write\n"
          + "jobs:\n  report:\n    runs-on: ubuntu-latest\n    steps:\n" + SETUP
          + "      - name: Pull data, test, reproduce, report\n        env:\n" + env(secrets, "GITHUB_TOKEN", "          ")
          + "        run: ./cairnw ci run\n");
      return out;
    }
    out.put(GITHUB_FILE, "# Written by 'cairn ci init --github --fork-safe'. Runs the pull request's code with a\n"
        + "# read-only token and no secrets, and uploads the report; cairn-comment.yml posts it.\n"
        + "name: Cairn report\n"
        + "on:\n  pull_request:\n    paths:\n" + paths("      ") + "      - '" + GITHUB_FILE + "'\n"
        + "permissions:\n  contents: read\n"
        + "jobs:\n  report:\n    runs-on: ubuntu-latest\n    steps:\n" + SETUP
        + "      - name: Pull data, test, reproduce, report\n"
        + "        run: ./cairnw ci run --no-comment --md-out " + REPORT_DIR + "/report.md\n"
        + "      - uses: actions/upload-artifact@v4\n        if: always()\n        with:\n"
        + "          name: cairn-report\n          path: " + REPORT_DIR + "/\n");
    out.put(GITHUB_COMMENT_FILE, "# Written by 'cairn ci init --github --fork-safe'. Runs the base branch's code only\n"
        + "# (never the pull request's) with a token that may comment, and posts the uploaded report.\n"
        + "name: Cairn comment\n"
        + "on:\n  workflow_run:\n    workflows: [Cairn report]\n    types: [completed]\n"
        + "permissions:\n  contents: read\n  actions: read\n  pull-requests: write\n"
        + "jobs:\n  comment:\n    if: github.event.workflow_run.event == 'pull_request'\n    runs-on: ubuntu-latest\n"
        + "    steps:\n" + SETUP
        + "      - uses: actions/download-artifact@v4\n        with:\n          name: cairn-report\n"
        + "          path: " + REPORT_DIR + "\n          run-id: ${{ github.event.workflow_run.id }}\n"
        + "          github-token: ${{ secrets.GITHUB_TOKEN }}\n"
        + "      - name: Post the report\n        env:\n          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n"
        + "        run: ./cairnw comment update " + REPORT_DIR + "/report.md\n");
    return out;
  }

  /** The first steps of a matrix workflow's job: the pull request's head checked out (the baseline), Java, the wrapper's cache. */
  private static final String MATRIX_SETUP = """
            - uses: actions/checkout@v4
              with:
                ref: ${{ github.event.pull_request.head.sha }}
                fetch-depth: 0
            - uses: actions/setup-java@v4
              with:
                distribution: temurin
                java-version: '17'
                cache: maven
            - name: Cache the Cairn distribution of ./cairnw
              uses: actions/cache@v4
              with:
                path: ~/.cairn/wrapper
                key: cairn-wrapper-${{ hashFiles('.cairn/wrapper.properties') }}
      """;

  /**
   * GitHub Actions: the experiments of a pull request as a matrix of jobs ({@link MatrixJobs}). A
   * first job lists them (the entries pushed with {@code cairn queue push} for the pull request's
   * head, and the {@code ci.matrix} grid of {@code cairn.yaml}); one job per experiment runs it and
   * pushes it (outputs to the DVC remote, the ref to the Git remote: {@code contents: write}); the
   * last job posts the comparison on the pull request. Jobs of pull requests from forks get no
   * secrets and a read-only token, so their pushes fail: run this workflow for branches of the
   * repository.
   */
  public static Map<String, String> githubMatrix(Map<String, String> secrets) {
    String remoteEnv = env(secrets, "GITHUB_TOKEN", "          ").replace("          GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}\n", "");
    return Map.of(GITHUB_MATRIX_FILE, "# Written by 'cairn ci init --github --matrix'. Runs the experiments of a pull request as a\n"
        + "# matrix of jobs: the ones queued with 'cairn exp run --queue' and pushed with 'cairn queue push',\n"
        + "# and the params grid of ci.matrix in cairn.yaml. Each job pushes its experiment; the last one\n"
        + "# posts the comparison (the experiments table and plots) on the pull request.\n"
        + "name: Cairn experiments\n"
        + "on:\n  pull_request:\n    paths:\n" + paths("      ") + "      - '" + GITHUB_MATRIX_FILE + "'\n"
        + "permissions:\n  contents: read\n"
        + "jobs:\n"
        + "  plan:\n    runs-on: ubuntu-latest\n"
        + "    outputs:\n      matrix: ${{ steps.plan.outputs.matrix }}\n"
        + "    steps:\n" + MATRIX_SETUP
        + "      - name: List the experiments\n        id: plan\n"
        + "        env:\n          BASELINE: ${{ github.event.pull_request.head.sha }}\n"
        + "        run: echo \"matrix=$(./cairnw ci matrix --plan --baseline \"$BASELINE\")\" >> \"$GITHUB_OUTPUT\"\n"
        + "  experiment:\n    needs: plan\n    if: needs.plan.outputs.matrix != '[]'\n"
        + "    name: ${{ matrix.name }}\n    runs-on: ubuntu-latest\n"
        + "    permissions:\n      contents: write\n"
        + "    strategy:\n      fail-fast: false\n      matrix:\n        include: ${{ fromJSON(needs.plan.outputs.matrix) }}\n"
        + "    steps:\n" + MATRIX_SETUP
        + "      - name: Run the experiment and push it\n        env:\n          TASK: ${{ matrix.task }}\n" + remoteEnv
        + "        run: ./cairnw ci matrix --run \"$TASK\"\n"
        + "  report:\n    needs: [plan, experiment]\n"
        + "    if: always() && needs.plan.result == 'success' && needs.plan.outputs.matrix != '[]'\n"
        + "    runs-on: ubuntu-latest\n"
        + "    permissions:\n      contents: read\n      pull-requests: write\n"
        + "    steps:\n" + MATRIX_SETUP
        + "      - name: Post the comparison on the pull request\n        env:\n"
        + "          BASELINE: ${{ github.event.pull_request.head.sha }}\n" + env(secrets, "GITHUB_TOKEN", "          ")
        + "        run: ./cairnw ci matrix --report --baseline \"$BASELINE\"\n");
  }

  /** GitLab CI: a merge-request job. */
  public static Map<String, String> gitlab(Map<String, String> secrets) {
    StringBuilder changes = new StringBuilder();
    for (String p : PATHS) {
      changes.append("        - '").append(p).append("'\n");
    }
    String vars = secrets.isEmpty() ? ""
        : "# Remote credentials: define " + String.join(", ", secrets.keySet()) + " as masked CI/CD variables.\n";
    return Map.of(GITLAB_FILE, "# Written by 'cairn ci init --gitlab'. Define GITLAB_TOKEN (a project access token with\n"
        + "# the api scope and at least the Developer role) as a masked CI/CD variable: CI_JOB_TOKEN cannot post notes.\n"
        + vars
        + "cairn-report:\n  image: maven:3.9-eclipse-temurin-17\n"
        + "  rules:\n    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'\n      changes:\n" + changes
        + "        - '" + GITLAB_FILE + "'\n"
        + "  variables:\n    GIT_DEPTH: '0'\n    MAVEN_OPTS: -Dmaven.repo.local=.m2/repository\n"
        + "    CAIRN_WRAPPER_HOME: $CI_PROJECT_DIR/" + GITLAB_WRAPPER_HOME + "\n"
        + "  cache:\n"
        + "    - key:\n        files:\n          - .cairn/wrapper.properties\n      paths:\n        - " + GITLAB_WRAPPER_HOME + "\n"
        + "    - key: maven\n      paths:\n        - .m2/repository\n"
        + "  script:\n    - git fetch origin \"$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\"\n    - ./cairnw ci run\n"
        + "  artifacts:\n    when: always\n    paths:\n      - " + REPORT_DIR + "/\n");
  }

  /** Gitea/Forgejo Actions: the GitHub workflow under {@code .gitea/workflows}. */
  public static Map<String, String> gitea(Map<String, String> secrets) {
    return Map.of(GITEA_FILE, "# Written by 'cairn ci init --gitea'.\n"
        + "name: Cairn report\n"
        + "on:\n  pull_request:\n    paths:\n" + paths("      ") + "      - '" + GITEA_FILE + "'\n"
        + "permissions:\n  contents: read\n  pull-requests: write\n"
        + "jobs:\n  report:\n    runs-on: ubuntu-latest\n    steps:\n" + SETUP
        + "      - name: Pull data, test, reproduce, report\n        env:\n" + env(secrets, "GITEA_TOKEN", "          ")
        + "        run: ./cairnw ci run\n");
  }
}
