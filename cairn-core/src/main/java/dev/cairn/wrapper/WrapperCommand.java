package dev.cairn.wrapper;

import dev.cairn.errors.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the wrapper into a directory: {@code cairnw}, {@code cairnw.cmd} and {@code
 * .cairn/wrapper.properties}, pinning one distribution by URL and SHA-256. Single use: configure
 * with the setters, then {@link #call()}.
 *
 * <p>The URL is {@link #setDistributionUrl the one given}, else the archive of {@link #setVersion
 * the version} in the Maven repository layout under a base taken, in order, from {@link
 * #setRepositoryUrl the option}, the environment variable {@value #ENV_REPOSITORY_URL}, the
 * properties of the wrapper this process was started by ({@value #ENV_WRAPPER_PROPERTIES}, set by
 * {@code cairnw}), {@link #setReleaseRepositoryUrl the base baked into a release}, and last the
 * user's local Maven repository as a {@code file:} URL. The archive is read once to compute its
 * SHA-256, which must match the {@code .sha256} published beside it when there is one. Nothing is
 * written when any step fails; each file is written atomically (temp file, then rename).
 */
public final class WrapperCommand {
  /** Repository base for the default URL (a mirror of the Maven repository). */
  public static final String ENV_REPOSITORY_URL = "CAIRN_REPOSITORY_URL";
  /** Set by {@code cairnw} to its properties file, so that {@code ./cairnw wrapper} keeps the base. */
  public static final String ENV_WRAPPER_PROPERTIES = "CAIRN_WRAPPER_PROPERTIES";
  /** The script names, and where the properties go. */
  public static final List<String> FILES = List.of("cairnw", "cairnw.cmd", WrapperProperties.PATH);

  private final Path dir;
  private String version;
  private String distributionUrl;
  private String repositoryUrl;
  private String releaseRepositoryUrl;
  private Map<String, String> env = Map.of();
  private boolean called;

  private WrapperCommand(Path dir) {
    this.dir = dir;
  }

  /** A command writing into {@code dir} (usually a repository's root). */
  public static WrapperCommand in(Path dir) {
    return new WrapperCommand(dir);
  }

  /** The Cairn version to pin (required unless {@link #setDistributionUrl} is given). */
  public WrapperCommand setVersion(String version) {
    this.version = version;
    return this;
  }

  /** The archive's URL, used as it is; null for the default. */
  public WrapperCommand setDistributionUrl(String url) {
    this.distributionUrl = url;
    return this;
  }

  /** The repository base for the default URL; null to look further (see the class comment). */
  public WrapperCommand setRepositoryUrl(String url) {
    this.repositoryUrl = url;
    return this;
  }

  /** The base a release build baked in ({@code cairn.repository.url}); null or empty when none. */
  public WrapperCommand setReleaseRepositoryUrl(String url) {
    this.releaseRepositoryUrl = url;
    return this;
  }

  /** The environment to read ({@code HOME}, {@code MAVEN_OPTS} and the variables above); default none. */
  public WrapperCommand setEnvironment(Map<String, String> env) {
    this.env = Map.copyOf(env);
    return this;
  }

  /**
   * Resolves the URL, reads the archive, writes the three files.
   *
   * @throws CairnException invalid input (a bad URL or version, an archive that is not gzip data),
   *     or failed (the archive cannot be read, or differs from its published {@code .sha256})
   */
  public WrapperResult call() throws CairnException, IOException {
    if (called) {
      throw new IllegalStateException("a WrapperCommand runs once");
    }
    called = true;
    Source source = source();
    URI uri = DistributionUrls.check(source.url(), source.option());
    DistributionReader reader = new DistributionReader();
    String sha256;
    try {
      sha256 = reader.sha256(uri);
    } catch (DistributionReader.NotFound e) {
      throw CairnException.failed("No Cairn distribution at " + source.url() + " (" + source.origin() + "): "
          + source.hint(), e);
    }
    Optional<String> published = reader.published(uri);
    if (published.isPresent() && !published.get().equals(sha256)) {
      throw CairnException.failed("SHA-256 mismatch for " + source.url() + ": the archive hashes to " + sha256
          + " but its .sha256 says " + published.get() + "; nothing written", null);
    }
    WrapperProperties props = new WrapperProperties(source.url(), sha256);
    List<Path> written = new ArrayList<>();
    written.add(write(dir.resolve("cairnw"), script("cairnw"), true));
    written.add(write(dir.resolve("cairnw.cmd"), script("cairnw.cmd").replace("\n", "\r\n"), false));
    written.add(write(dir.resolve(WrapperProperties.PATH), props.render(), false));
    return new WrapperResult(props, source.origin(), published.isPresent(), List.copyOf(written));
  }

  /** Where the URL comes from: the URL, its origin for the user, the option named in messages, what to do when absent. */
  private record Source(String url, String origin, String option, String hint) {
    Source(String url, String origin, String option) {
      this(url, origin, option, "is that version published there? Give --version, --distribution-url or --repository-url");
    }
  }

  private Source source() throws CairnException, IOException {
    if (distributionUrl != null) {
      return new Source(distributionUrl, "--distribution-url", "--distribution-url");
    }
    if (version == null) {
      throw CairnException.invalidInput("No version to pin: give --version or --distribution-url");
    }
    String v = DistributionUrls.checkVersion(version);
    if (repositoryUrl != null) {
      return inBase(repositoryUrl, v, "--repository-url");
    }
    String fromEnv = env.getOrDefault(ENV_REPOSITORY_URL, "");
    if (!fromEnv.isBlank()) {
      return inBase(fromEnv, v, ENV_REPOSITORY_URL);
    }
    String running = env.getOrDefault(ENV_WRAPPER_PROPERTIES, "");
    if (!running.isBlank()) {
      Optional<String> base;
      try {
        base = WrapperProperties.read(Path.of(running)).flatMap(p -> DistributionUrls.repositoryOf(p.distributionUrl()));
      } catch (CairnException e) {
        base = Optional.empty(); // a malformed file names no base: look further
      }
      if (base.isPresent()) {
        return inBase(base.get(), v, "the running wrapper's " + running);
      }
    }
    if (releaseRepositoryUrl != null && !releaseRepositoryUrl.isBlank()) {
      return inBase(releaseRepositoryUrl, v, "this release's default repository");
    }
    Path local = localMavenRepository().orElseThrow(() -> CairnException.invalidInput(
        "No repository to take Cairn " + v + " from: give --distribution-url or --repository-url, or set "
            + ENV_REPOSITORY_URL));
    return new Source(DistributionUrls.inRepository(local.toUri().toString(), v), "the local Maven repository "
        + local, "the URL", "build and install it with 'mvn -B install' in Cairn's source checkout, or give "
        + "--distribution-url or --repository-url (or set " + ENV_REPOSITORY_URL + ")");
  }

  private static Source inBase(String base, String version, String origin) throws CairnException {
    String b = DistributionUrls.checkBase(base, "Repository URL (" + origin + ")");
    return new Source(DistributionUrls.inRepository(b, version), "repository base from " + origin, origin);
  }

  private static final Pattern REPO_LOCAL = Pattern.compile("-Dmaven\\.repo\\.local=(\\S+)");
  private static final Pattern SETTINGS_LOCAL = Pattern.compile("<localRepository>\\s*([^<]+?)\\s*</localRepository>");

  /**
   * The local Maven repository, as Maven finds it: {@code -Dmaven.repo.local} in {@code MAVEN_OPTS},
   * else {@code <localRepository>} in {@code ~/.m2/settings.xml}, else {@code ~/.m2/repository};
   * empty without a home directory ({@code HOME}, or {@code USERPROFILE} on Windows).
   */
  Optional<Path> localMavenRepository() throws IOException {
    String home = env.getOrDefault("HOME", env.getOrDefault("USERPROFILE", ""));
    Matcher m = REPO_LOCAL.matcher(env.getOrDefault("MAVEN_OPTS", ""));
    if (m.find()) {
      return Optional.of(Path.of(m.group(1)).toAbsolutePath().normalize());
    }
    if (home.isBlank()) {
      return Optional.empty();
    }
    Path settings = Path.of(home, ".m2", "settings.xml");
    if (Files.isRegularFile(settings)) {
      Matcher s = SETTINGS_LOCAL.matcher(Files.readString(settings, StandardCharsets.UTF_8));
      if (s.find()) {
        return Optional.of(Path.of(s.group(1).replace("${user.home}", home)).toAbsolutePath().normalize());
      }
    }
    return Optional.of(Path.of(home, ".m2", "repository"));
  }

  private static String script(String name) throws IOException {
    try (InputStream in = WrapperCommand.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("resource " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Path write(Path file, String text, boolean executable) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, "." + file.getFileName() + ".", ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return file;
  }
}
