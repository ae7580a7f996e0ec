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
  public static final String GITHUB_TRAINING_FILE = ".github/workflows/cairn-training.yml";
  public static final String GITEA_TRAINING_FILE = ".gitea/workflows/cairn-training.yml";
  public static final String AZURE_FILE = "azure-pipelines.yml";
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
    return github(secrets, forkSafe, false);
  }

  /**
   * GitHub Actions, as {@link #github(Map, boolean)}; with {@code check} the job also publishes the
   * report as a check run ({@code ci run --check}) and is granted {@code checks: write}, which it
   * does not get otherwise.
   *
   * @throws IllegalArgumentException for {@code check} with {@code forkSafe}
   */
  public static Map<String, String> github(Map<String, String> secrets, boolean forkSafe, boolean check) {
    Map<String, String> out = new LinkedHashMap<>();
    if (check && forkSafe) {
      throw new IllegalArgumentException("--check and --fork-safe cannot be combined yet: the workflow_run job "
          + "cannot tell the gates' outcome of the pull request's code");
    }
    if (!forkSafe) {
      out.put(GITHUB_FILE, "# Written by 'cairn ci init --github" + (check ? " --check" : "") + "'. The report is posted "
          + "on the pull request and\n"
          + "# updated in place on every push; the check fails when tests or gates (cairn.yaml) fail.\n"
          + (check ? "# The report is also a check run of the commit (Checks tab), failed gates as annotations.\n" : "")
          + "name: Cairn report\n"
          + "on:\n  pull_request:\n    paths:\n" + paths("      ") + "      - '" + GITHUB_FILE + "'\n"
          + "permissions:\n" + (check ? "  checks: write\n" : "") + "  contents: read\n  pull-requests: write\n"
          + "jobs:\n  report:\n    runs-on: ubuntu-latest\n    steps:\n" + SETUP
          + "      - name: Pull data, test, reproduce, report\n        env:\n" + env(secrets, "GITHUB_TOKEN", "          ")
          + "        run: ./cairnw ci run" + (check ? " --check" : "") + "\n");
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
    return gitlab(secrets, false, null, !secrets.isEmpty());
  }

  /**
   * GitLab CI: a merge-request job ({@code check}: also a commit status, {@code ci run --check});
   * with {@code cron}, also the continuous-training job for a pipeline schedule (GitLab keeps
   * schedules out of the file: the header says where to create it).
   */
  public static Map<String, String> gitlab(Map<String, String> secrets, boolean check, String cron, boolean hasRemote) {
    if (cron != null) {
      checkCron(cron);
    }
    StringBuilder changes = new StringBuilder();
    for (String p : PATHS) {
      changes.append("        - '").append(p).append("'\n");
    }
    String vars = secrets.isEmpty() ? ""
        : "# Remote credentials: define " + String.join(", ", secrets.keySet()) + " as masked CI/CD variables.\n";
    String common = "  image: maven:3.9-eclipse-temurin-17\n"
        + "  variables:\n    GIT_DEPTH: '0'\n    MAVEN_OPTS: -Dmaven.repo.local=.m2/repository\n"
        + "    CAIRN_WRAPPER_HOME: $CI_PROJECT_DIR/" + GITLAB_WRAPPER_HOME + "\n"
        + "  cache:\n"
        + "    - key:\n        files:\n          - .cairn/wrapper.properties\n      paths:\n        - " + GITLAB_WRAPPER_HOME + "\n"
        + "    - key: maven\n      paths:\n        - .m2/repository\n";
    String artifacts = "  artifacts:\n    when: always\n    paths:\n      - " + REPORT_DIR + "/\n";
    String text = "# Written by 'cairn ci init --gitlab" + (check ? " --check" : "") + (cron != null ? " --schedule" : "")
        + "'. Define GITLAB_TOKEN (a project access token with\n"
        + "# the api scope and at least the Developer role) as a masked CI/CD variable: CI_JOB_TOKEN cannot post notes.\n"
        + vars
        + (cron == null ? "" : "# Continuous training: create a pipeline schedule (Build > Pipeline schedules) with the cron\n"
            + "# '" + cron + "'; the cairn-training job runs only in scheduled pipelines. GITLAB_TOKEN also needs\n"
            + "# the write_repository scope: it pushes the branch of the merge request.\n")
        + "cairn-report:\n" + common
        + "  rules:\n    - if: $CI_PIPELINE_SOURCE == 'merge_request_event'\n      changes:\n" + changes
        + "        - '" + GITLAB_FILE + "'\n"
        + "  script:\n    - git fetch origin \"$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\"\n    - ./cairnw ci run"
        + (check ? " --check" : "") + "\n"
        + artifacts;
    if (cron != null) {
      text += "cairn-training:\n" + common
          + "  rules:\n    - if: $CI_PIPELINE_SOURCE == 'schedule'\n"
          + "  script:\n" + trainingScript(hasRemote, "    - ")
          + artifacts;
    }
    return Map.of(GITLAB_FILE, text);
  }

  /** Gitea/Forgejo Actions: the GitHub workflow under {@code .gitea/workflows}. */
  public static Map<String, String> gitea(Map<String, String> secrets) {
    return gitea(secrets, false);
  }

  /** Gitea/Forgejo Actions; {@code check}: the job also sets a commit status ({@code ci run --check}). */
  public static Map<String, String> gitea(Map<String, String> secrets, boolean check) {
    return Map.of(GITEA_FILE, "# Written by 'cairn ci init --gitea" + (check ? " --check" : "") + "'.\n"
        + "name: Cairn report\n"
        + "on:\n  pull_request:\n    paths:\n" + paths("      ") + "      - '" + GITEA_FILE + "'\n"
        + "permissions:\n  contents: read\n  pull-requests: write\n"
        + "jobs:\n  report:\n    runs-on: ubuntu-latest\n    steps:\n" + SETUP
        + "      - name: Pull data, test, reproduce, report\n        env:\n" + env(secrets, "GITEA_TOKEN", "          ")
        + "        run: ./cairnw ci run" + (check ? " --check" : "") + "\n");
  }

  /**
   * Checks a cron schedule: five fields (minute, hour, day of month, month, day of week) of digits,
   * names, {@code *}, {@code ,}, {@code -} and {@code /}.
   *
   * @throws IllegalArgumentException naming the schedule and the expected form
   */
  public static void checkCron(String cron) {
    String[] f = cron.trim().split("\\s+");
    if (f.length != 5 || !cron.trim().matches("[0-9A-Za-z*,/\\-\\s]+")) {
      throw new IllegalArgumentException("Invalid schedule '" + cron + "': give five cron fields (minute hour "
          + "day-of-month month day-of-week), e.g. '0 3 * * 1' for Mondays at 03:00 UTC");
    }
  }

  /** The training job's commands: pull, repro, the report (gates), push, the pull request. */
  private static String trainingScript(boolean remote, String prefix) {
    return (remote ? prefix + "./cairnw pull\n" : "")
        + prefix + "./cairnw repro\n"
        + prefix + "./cairnw report --md-out " + REPORT_DIR + "/report.md\n"
        + (remote ? prefix + "./cairnw push\n" : "")
        + prefix + "./cairnw pr create --body-file " + REPORT_DIR + "/report.md\n";
  }

  /**
   * The continuous-training workflow for GitHub Actions ({@code gitea}: Gitea/Forgejo Actions): on
   * the schedule {@code cron} (UTC) and on demand, pull the data, reproduce the pipeline, write the
   * report (a failed gate fails the run, so a regressed model is never proposed), push the data and
   * models, and open a pull request with what changed ({@code pr create}, which does nothing when
   * nothing changed, and updates its pull request on a rerun). Granted {@code contents: write} (to
   * push the branch) and {@code pull-requests: write}, nothing else.
   *
   * @param remote whether a DVC remote is configured (else there is nothing to pull or push)
   * @throws IllegalArgumentException for an invalid schedule
   */
  public static Map<String, String> training(Map<String, String> secrets, boolean remote, String cron, boolean gitea) {
    checkCron(cron);
    String file = gitea ? GITEA_TRAINING_FILE : GITHUB_TRAINING_FILE;
    String tokenVar = gitea ? "GITEA_TOKEN" : "GITHUB_TOKEN";
    return Map.of(file, "# Written by 'cairn ci init --" + (gitea ? "gitea" : "github") + " --schedule'. Continuous "
        + "training: on the schedule (UTC) and on demand,\n"
        + "# pull the data, reproduce the pipeline, check the gates of cairn.yaml, push the new data and models,\n"
        + "# and open a pull request with what changed (dvc.lock, .dvc files, metrics) and the report. A rerun\n"
        + "# updates that pull request; when nothing changed none is opened; a failed gate fails the run.\n"
        + (gitea ? "" : "# GitHub Actions may open pull requests only where Settings > Actions > General allows it\n"
            + "# (\"Allow GitHub Actions to create and approve pull requests\").\n")
        + "name: Cairn training\n"
        + "on:\n  schedule:\n    - cron: '" + cron.trim() + "'\n  workflow_dispatch:\n"
        + "permissions:\n  contents: write\n  pull-requests: write\n"
        + "concurrency:\n  group: cairn-training\n  cancel-in-progress: false\n"
        + "jobs:\n  train:\n    runs-on: ubuntu-latest\n    steps:\n" + SETUP
        + "      - name: " + (remote ? "Pull data, reproduce" : "Reproduce") + ", report\n"
        + (secrets.isEmpty() ? "" : "        env:\n" + secretsEnv(secrets, "          "))
        + "        run: |\n" + (remote ? "          ./cairnw pull\n" : "")
        + "          ./cairnw repro\n          ./cairnw report --md-out " + REPORT_DIR + "/report.md\n"
        + "      - name: " + (remote ? "Push data and models, open" : "Open") + " the pull request\n        env:\n"
        + env(secrets, tokenVar, "          ")
        + "        run: |\n" + (remote ? "          ./cairnw push\n" : "")
        + "          ./cairnw pr create --body-file " + REPORT_DIR + "/report.md\n"
        + "      - uses: actions/upload-artifact@v4\n        if: always()\n        with:\n"
        + "          name: cairn-report\n          path: " + REPORT_DIR + "/\n");
  }

  private static String secretsEnv(Map<String, String> secrets, String indent) {
    StringBuilder sb = new StringBuilder();
    secrets.forEach((k, v) -> sb.append(indent).append(k).append(": ${{ secrets.").append(v).append(" }}\n"));
    return sb.toString();
  }

  /**
   * Azure Pipelines: {@code azure-pipelines.yml} running {@code ./cairnw ci run} on pull requests
   * ({@code check}: {@code --check}, a commit and pull request status), with the pipeline's token
   * mapped into the step ({@code SYSTEM_ACCESSTOKEN}, which Azure Pipelines gives a script only when
   * mapped), remote secrets mapped from pipeline variables, and the wrapper's distributions and the
   * Maven repository kept by the {@code Cache@2} task.
   */
  public static Map<String, String> azure(Map<String, String> secrets, boolean check) {
    StringBuilder include = new StringBuilder();
    for (String p : PATHS) {
      include.append("      - '").append(p).append("'\n");
    }
    StringBuilder env = new StringBuilder("      SYSTEM_ACCESSTOKEN: $(System.AccessToken)\n");
    secrets.forEach((k, v) -> env.append("      ").append(k).append(": $(").append(v).append(")\n"));
    return Map.of(AZURE_FILE, "# Written by 'cairn ci init --azure" + (check ? " --check" : "") + "'. Runs './cairnw ci run' "
        + "for pull requests and posts the report\n"
        + "# on the pull request (a thread, updated in place)" + (check ? ", with a pull request status" : "") + ".\n"
        + "# Azure Repos: 'pr:' below is ignored there; add this pipeline to the target branch's policy as Build\n"
        + "# Validation. The project's build service needs 'Contribute to pull requests' on the repository.\n"
        + "# GitHub and Bitbucket Cloud repositories are triggered by 'pr:' and posted to with their own token\n"
        + "# (REPO_TOKEN as a secret variable, mapped below like the others).\n"
        + (secrets.isEmpty() ? "" : "# Remote credentials: define " + String.join(", ", secrets.keySet())
            + " as secret pipeline variables.\n")
        + "trigger: none\n"
        + "pr:\n  branches:\n    include:\n      - '*'\n  paths:\n    include:\n" + include
        + "      - " + AZURE_FILE + "\n"
        + "pool:\n  vmImage: ubuntu-latest\n"
        + "variables:\n  CAIRN_WRAPPER_HOME: $(Pipeline.Workspace)/.cairn-wrapper\n"
        + "  MAVEN_CACHE_FOLDER: $(Pipeline.Workspace)/.m2/repository\n"
        + "  MAVEN_OPTS: -Dmaven.repo.local=$(Pipeline.Workspace)/.m2/repository\n"
        + "steps:\n"
        + "  - checkout: self\n    fetchDepth: 0\n"
        + "  - task: JavaToolInstaller@0\n    inputs:\n      versionSpec: '17'\n      jdkArchitectureOption: x64\n"
        + "      jdkSourceOption: PreInstalled\n"
        + "  - task: Cache@2\n    displayName: Cache the Cairn distribution of ./cairnw\n    inputs:\n"
        + "      key: 'cairn-wrapper | \"$(Agent.OS)\" | .cairn/wrapper.properties'\n"
        + "      path: $(CAIRN_WRAPPER_HOME)\n"
        + "  - task: Cache@2\n    displayName: Cache the Maven repository\n    inputs:\n"
        + "      key: 'maven | \"$(Agent.OS)\" | **/pom.xml'\n      restoreKeys: maven | \"$(Agent.OS)\"\n"
        + "      path: $(MAVEN_CACHE_FOLDER)\n"
        + "  - script: ./cairnw ci run" + (check ? " --check" : "") + "\n"
        + "    displayName: Pull data, test, reproduce, report\n"
        + "    env:\n" + env);
  }
}
