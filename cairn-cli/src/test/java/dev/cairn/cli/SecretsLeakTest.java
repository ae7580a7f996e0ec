package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, secrets: distinctive values are planted in {@code .dvc/config.local} (S3, Azure, SFTP,
 * HTTP basic, HTTP custom header, a password in a URL) and in the forge token variables; then every
 * command that touches them runs, succeeding or failing (closed ports, an in-process server that
 * answers 401), with and without {@code --verbose}. Everything printed — the CLI's stdout and stderr,
 * and the process's {@code System.out}/{@code System.err} where library logging goes — and every file
 * the commands leave in the repository (reports, logs, {@code .dvc/tmp}) is grepped for each value, its
 * URL-encoded form and the base64 of the basic-auth pair.
 */
class SecretsLeakTest {
  static final String S3_KEY = "AKIAPLANTEDKEY7Q2XY";
  static final String S3_SECRET = "s3Secret/Planted+Value9Zq";
  static final String S3_SESSION = "S3SessionPlantedTok3n";
  static final String AZ_KEY = Base64.getEncoder().encodeToString("AzurePlantedAccountKey0123456789".getBytes());
  static final String AZ_CONN_KEY = Base64.getEncoder().encodeToString("AzurePlantedConnStrKey987654321".getBytes());
  static final String AZ_SAS = "sv=2020-08-04&ss=b&sig=AzSasPlantedSig4321";
  static final String SSH_PASSWORD = "sshPlantedPass42";
  static final String SSH_PASSPHRASE = "sshPlantedPhrase43";
  static final String HTTP_PASSWORD = "httpPlantedPass77";
  static final String HEADER_VALUE = "headerPlantedValue88";
  static final String URL_PASSWORD = "urlPlantedPass55";
  static final String GITHUB_TOKEN = "ghs_PlantedGithubToken1";
  static final String REPO_TOKEN = "PlantedRepoToken2";
  static final String GITLAB_TOKEN = "glpat-PlantedGitlab3";
  static final String CI_JOB_TOKEN = "PlantedCiJobToken4";
  static final String GITEA_TOKEN = "PlantedGiteaToken5";
  static final String BITBUCKET_TOKEN = "PlantedBitbucketToken6";
  static final String TOKEN_OPTION = "PlantedTokenOption7";
  static final String GIT_TOKEN = "PlantedGitToken8";

  @TempDir
  Path tmp;
  HttpServer server;
  int closedPort;
  String stubUrl;
  PrRepo repo;
  Map<String, String> env;
  final List<String> transcripts = new ArrayList<>();
  final List<String> requests = new ArrayList<>();
  int commands;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", x -> {
      synchronized (requests) {
        requests.add(x.getRequestMethod() + " " + x.getRequestURI());
      }
      x.getRequestBody().readAllBytes();
      byte[] b = "{\"message\": \"Bad credentials\"}".getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "application/json");
      x.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"stub\""); // so that Git sends the token (pr create)
      x.sendResponseHeaders(401, b.length);
      x.getResponseBody().write(b);
      x.close();
    });
    server.start();
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    repo = new PrRepo(tmp.resolve("repo"));
    String stub = "http://127.0.0.1:" + server.getAddress().getPort();
    stubUrl = stub;
    String closed = "127.0.0.1:" + closedPort;
    repo.write(".dvc/config.local", String.join("\n",
        "['remote \"s3\"']",
        "    url = s3://bucket/path",
        "    endpointurl = http://" + closed,
        "    region = us-east-1",
        "    access_key_id = " + S3_KEY,
        "    secret_access_key = " + S3_SECRET,
        "    session_token = " + S3_SESSION,
        "    connect_timeout = 2",
        "    read_timeout = 2",
        "['remote \"s3stub\"']",
        "    url = s3://bucket/path",
        "    endpointurl = " + stub,
        "    region = us-east-1",
        "    access_key_id = " + S3_KEY,
        "    secret_access_key = " + S3_SECRET,
        // every Azure remote points at the local stub: an account name alone would mean a DNS lookup outside
        "['remote \"azkey\"']",
        "    url = azure://container/path",
        "    connection_string = \"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;BlobEndpoint=" + stub
            + "/devstoreaccount1;\"",
        "    account_key = " + AZ_KEY,
        "['remote \"azconn\"']",
        "    url = azure://container/path",
        "    connection_string = \"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey="
            + AZ_CONN_KEY + ";BlobEndpoint=" + stub + "/devstoreaccount1;\"",
        "['remote \"azsas\"']",
        "    url = azure://container/path",
        "    connection_string = \"BlobEndpoint=" + stub + "/devstoreaccount1;SharedAccessSignature=" + AZ_SAS + "\"",
        "    sas_token = \"" + AZ_SAS + "\"",
        "['remote \"ssh\"']",
        "    url = ssh://planteduser@" + closed + "/store",
        "    password = " + SSH_PASSWORD,
        "    passphrase = " + SSH_PASSPHRASE,
        "    timeout = 2",
        "['remote \"http\"']",
        "    url = " + stub + "/store",
        "    auth = basic",
        "    user = planteduser",
        "    password = " + HTTP_PASSWORD,
        "['remote \"header\"']",
        "    url = " + stub + "/store",
        "    auth = custom",
        "    custom_auth_header = X-Planted-Auth",
        "    password = " + HEADER_VALUE,
        "['remote \"urlpass\"']",
        "    url = http://planteduser:" + URL_PASSWORD + "@127.0.0.1:" + server.getAddress().getPort() + "/store",
        "['remote \"closed\"']",
        "    url = http://planteduser:" + URL_PASSWORD + "@" + closed + "/store",
        "    user = planteduser",
        "    password = " + HTTP_PASSWORD,
        ""));
    repo.write("data.txt", "payload to push\n");
    repo.write("params.yaml", "train:\n  C: 11\n");
    try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(repo.root.toFile())) {
      git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(stub + "/o/r.git")).call();
    }
    assertThat(repo.run("add", "data.txt").code()).isZero();
    Path event = tmp.resolve("event.json");
    Files.writeString(event, "{\"pull_request\": {\"number\": 7, \"head\": {\"sha\": \"" + "a".repeat(40)
        + "\", \"ref\": \"pr\", \"repo\": {\"full_name\": \"o/r\"}}, \"base\": {\"ref\": \"main\", "
        + "\"repo\": {\"full_name\": \"o/r\"}}}}");
    env = new HashMap<>(repo.env);
    env.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "o/r", "GITHUB_EVENT_NAME", "pull_request",
        "GITHUB_EVENT_PATH", event.toString(), "GITHUB_SHA", "b".repeat(40), "GITHUB_RUN_ID", "42",
        "GITHUB_SERVER_URL", "https://github.example", "GITHUB_API_URL", stub, "GITHUB_TOKEN", GITHUB_TOKEN));
    env.putAll(Map.of("GITLAB_TOKEN", GITLAB_TOKEN, "CI_JOB_TOKEN", CI_JOB_TOKEN, "GITEA_TOKEN", GITEA_TOKEN,
        "BITBUCKET_TOKEN", BITBUCKET_TOKEN, "AWS_SECRET_ACCESS_KEY", S3_SECRET, "AZURE_STORAGE_KEY", AZ_KEY,
        "AZURE_STORAGE_SAS_TOKEN", AZ_SAS));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static List<String> secrets() {
    List<String> plain = List.of(S3_KEY, S3_SECRET, S3_SESSION, AZ_KEY, AZ_CONN_KEY, AZ_SAS, SSH_PASSWORD,
        SSH_PASSPHRASE, HTTP_PASSWORD, HEADER_VALUE, URL_PASSWORD, GITHUB_TOKEN, REPO_TOKEN, GITLAB_TOKEN,
        CI_JOB_TOKEN, GITEA_TOKEN, BITBUCKET_TOKEN, TOKEN_OPTION, GIT_TOKEN, "sig=AzSasPlantedSig4321");
    Set<String> all = new LinkedHashSet<>(plain);
    for (String s : plain) {
      all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
    }
    Base64.Encoder b64 = Base64.getEncoder();
    all.add(b64.encodeToString(("planteduser:" + HTTP_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    all.add(b64.encodeToString(("planteduser:" + URL_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    all.add(b64.encodeToString(("x-access-token:" + GIT_TOKEN).getBytes(StandardCharsets.UTF_8)));
    all.add(b64.encodeToString(("planteduser:" + GIT_TOKEN).getBytes(StandardCharsets.UTF_8)));
    // the distinctive middle of each value, in case a message cuts or re-encodes its ends
    all.add("PlantedAccountKey");
    all.add("AzSasPlantedSig");
    return List.copyOf(all);
  }

  /** Runs one command, capturing the CLI's writers and the process's standard streams. */
  PrRepo.Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream sys = new ByteArrayOutputStream();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code;
    try (PrintStream capture = new PrintStream(sys, true, StandardCharsets.UTF_8)) {
      System.setOut(capture);
      System.setErr(capture);
      List<String> full = new ArrayList<>(List.of("-C", repo.root.toString()));
      Stream.of(args).filter(a -> !a.isEmpty()).forEach(full::add);
      code = Main.run(full.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true), false, env);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    commands++;
    // the command line is ours, not the program's output: its --token value and a password in a URL argument
    // are not counted
    String transcript = "$ cairn " + String.join(" ", args).strip().replace(TOKEN_OPTION, "<token>")
        .replace(URL_PASSWORD, "<password>") + " -> " + code + "\n" + o + e + sys.toString(
        StandardCharsets.UTF_8);
    transcripts.add(transcript);
    return new PrRepo.Result(code, o.toString(), e + sys.toString(StandardCharsets.UTF_8));
  }

  /**
   * The registry commands (issue 23) against the same stub and closed port: a Git URL with a
   * password in it (refused by {@code import}, which would record it, and tried by {@code get} and
   * {@code list}), a token in {@code CAIRN_GIT_TOKEN} (the stub answers 401; {@code pull} of an
   * import made with {@code --no-exec} clones with it), and {@code import-url}/{@code get-url}/{@code
   * ls-url} through the S3 remotes' keys and an HTTP URL with a password. The {@code .dvc} files
   * written are checked with the repository's other files.
   */
  void registryCommands(String v) throws Exception {
    Map<String, String> saved = env;
    env = new HashMap<>(saved);
    env.put("CAIRN_GIT_TOKEN", GIT_TOKEN);
    env.put("CAIRN_REPO_CACHE", tmp.resolve("clones").toString());
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    try {
      String hostPort = "127.0.0.1:" + server.getAddress().getPort();
      String gitUrl = "http://planteduser:" + URL_PASSWORD + "@" + hostPort + "/registry.git";
      String fileUrl = "http://planteduser:" + URL_PASSWORD + "@" + hostPort + "/file.txt";
      for (String[] args : List.of(new String[] {"import", gitUrl, "data"},
          new String[] {"import", gitUrl, "data", "--no-exec", "-o", "refused"},
          new String[] {"import-url", fileUrl, "imported3.txt"},
          new String[] {"import-url", fileUrl, "imported4.txt", "--no-exec"})) {
        PrRepo.Result r = run(Stream.concat(Stream.of(v), Stream.of(args)).toArray(String[]::new));
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
        assertThat(r.err()).contains("has a password in it");
      }
      for (String[] args : List.of(new String[] {"get", gitUrl, "data", "-o", "got"}, new String[] {"list", gitUrl},
          new String[] {"import-url", "remote://s3/data.txt", "imported.txt"},
          new String[] {"import-url", "remote://s3stub/data.txt", "imported2.txt"},
          new String[] {"get-url", "remote://s3stub/data.txt", "got.txt"},
          new String[] {"ls-url", "remote://s3stub/dir"},
          new String[] {"get-url", fileUrl, "got2.txt"})) {
        PrRepo.Result r = run(Stream.concat(Stream.of(v), Stream.of(args)).toArray(String[]::new));
        assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isNotZero();
      }
      // a user name without a password is recorded; the token goes with the clone pull makes
      String userUrl = "http://planteduser@" + hostPort + "/registry.git";
      run(v, "import", userUrl, "data", "--no-exec", "-o", "noexec", "-f");
      assertThat(Files.exists(repo.root.resolve("noexec.dvc"))).isTrue();
      assertThat(run(v, "pull", "noexec.dvc").code()).isNotZero();
      run(v, "update", "noexec.dvc");
      run(v, "status");
    } finally {
      env = saved;
    }
  }

  @Test
  void plantedSecretsNeverAppearInAnyOutput() throws Exception {
    for (String v : new String[] {"", "-v"}) {
      run(v, "remote", "list");
      run(v, "config", "--list");
      run(v, "config", "--list", "--local");
      for (String remote : List.of("s3", "s3stub", "azkey", "azconn", "azsas", "ssh", "http", "header", "urlpass",
          "closed")) {
        PrRepo.Result push = run(v, "push", "-r", remote);
        assertThat(push.code()).as(remote + ": " + push.err()).isNotZero();
        run(v, "status", "-c", "-r", remote);
        run(v, "pull", "-r", remote);
        run(v, "fetch", "-r", remote, "--json");
      }
      run(v, "comment", "create", "dvc.yaml");
      run(v, "comment", "create", "dvc.yaml", "--token", TOKEN_OPTION);
      run(v, "comment", "create", "dvc.yaml", "--forge", "gitlab", "--repo", "g/p", "--target", "pr/3", "--api-url",
          "http://127.0.0.1:" + server.getAddress().getPort());
      registryCommands(v);
      run(v, "report", "--md-out", "report/report.md");
      run(v, "report", "--json");
      run(v, "ci", "run", "--skip-tests");
      // issue 24: checks, pull requests (a push over HTTP to the stub that answers 401), assets, --watch
      run(v, "ci", "run", "--skip-tests", "--check");
      run(v, "check", "create", "dvc.yaml");
      run(v, "check", "create", "dvc.yaml", "--conclusion", "failure", "--token", TOKEN_OPTION);
      run(v, "check", "create", "dvc.yaml", "--conclusion", "neutral", "--forge", "gitea", "--repo", "o/r",
          "--api-url", stubUrl + "/api/v1", "--commit-sha", "c".repeat(40));
      run(v, "pr", "create", "params.yaml");
      run(v, "pr", "create", "params.yaml", "--token", TOKEN_OPTION, "--label", "x");
      run(v, "pr", "create", "params.yaml", "--forge", "gitlab", "--repo", "g/p", "--api-url", stubUrl + "/api/v4");
      run(v, "asset", "publish", "dvc.yaml");
      run(v, "asset", "publish", "dvc.yaml", "--token", TOKEN_OPTION, "--forge", "bitbucket", "--repo", "w/r",
          "--api-url", stubUrl + "/2.0");
      run(v, "comment", "update", "dvc.yaml", "--watch", "--watch-timeout", "1s");
    }
    env.put("REPO_TOKEN", REPO_TOKEN);
    run("-v", "comment", "create", "dvc.yaml");
    run("-v", "ci", "run", "--skip-tests");
    run("-v", "check", "create", "dvc.yaml");
    run("-v", "pr", "create", "params.yaml");

    // (the stub's request lines are not output: a SAS token travels in the query string by design)
    StringBuilder everything = new StringBuilder(String.join("\n", transcripts));
    synchronized (requests) {
      assertThat(requests).as("the remotes and forges were really contacted").isNotEmpty();
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(repo.root)) {
      s.filter(Files::isRegularFile).filter(p -> !p.startsWith(repo.root.resolve(".git")))
          .filter(p -> !p.equals(repo.root.resolve(".dvc/config.local"))).forEach(files::add);
    }
    for (Path f : files) {
      everything.append("\n== ").append(f).append('\n').append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
    }
    String all = everything.toString();
    if (Files.isDirectory(Path.of("target"))) {
      Files.writeString(Path.of("target", "secrets-transcript.txt"), all, StandardCharsets.UTF_8);
    }
    System.out.printf("secrets: %d planted forms x %d commands, %d files, %d characters of output checked%n",
        secrets().size(), commands, files.size(), all.length());
    for (String secret : secrets()) {
      int at = all.indexOf(secret);
      assertThat(at).as("planted '%s' found in:\n%s", secret,
          at < 0 ? "" : all.substring(Math.max(0, at - 600), Math.min(all.length(), at + 200))).isEqualTo(-1);
    }
  }
}
