package dev.cairn.dist;

import static dev.cairn.dist.Dist.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.dist.Dist.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/cairn} of the unpacked archive: which Java it takes and says it took, one clear line
 * when none fits, class-data archives in the user's cache while the installation stays read-only,
 * and dash as the shell.
 */
class LauncherIT {
  @TempDir
  Path tmp;

  Map<String, String> env;
  Path install;
  String launcher;
  String javaVersion;

  @BeforeEach
  void setUp() throws Exception {
    env = Dist.env(tmp);
    install = Dist.unpack(tmp.resolve("opt"), env);
    launcher = install.resolve("bin/cairn").toString();
    javaVersion = Files.readAllLines(Dist.JAVA_HOME.resolve("release")).stream()
        .filter(l -> l.startsWith("JAVA_VERSION=")).findFirst().orElseThrow().replaceAll("JAVA_VERSION=\"?([^\"]*)\"?", "$1");
  }

  @Test
  void javaHomeFirstAndSaysSoWhenAsked() throws Exception {
    Map<String, String> e = with(env, "CAIRN_DEBUG", "1");
    Result r = run(tmp, e, launcher, "--version").ok();
    assertThat(r.out()).isEqualTo("cairn " + Dist.VERSION + "\n");
    assertThat(r.err()).startsWith("cairn: Java " + javaVersion + " at " + Dist.JAVA_HOME.resolve("bin/java")
        + " (from JAVA_HOME=" + Dist.JAVA_HOME + ")\n");
    assertThat(run(tmp, env, launcher, "--version").ok().err()).isEmpty();
  }

  @Test
  void elseTheJavaOnPath() throws Exception {
    Map<String, String> e = with(env, "CAIRN_DEBUG", "1");
    e.remove("JAVA_HOME");
    e.put("PATH", Dist.JAVA_HOME.resolve("bin") + ":" + env.get("PATH"));
    Result r = run(tmp, e, launcher, "--version").ok();
    assertThat(r.out()).isEqualTo("cairn " + Dist.VERSION + "\n");
    assertThat(r.err()).startsWith("cairn: Java " + javaVersion + " at " + Dist.JAVA_HOME.resolve("bin/java") + " (from PATH)\n");
  }

  @Test
  void anOldJavaOrNoneIsOneClearLine() throws Exception {
    Path old = fakeJdk("jdk-11", "11.0.2", true);
    Result r = run(tmp, with(env, "JAVA_HOME", old.toString()), launcher, "--version");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("cairn: Java 17 or newer is needed, but " + old.resolve("bin/java") + " (from JAVA_HOME="
        + old + ") is Java 11.0.2; set JAVA_HOME to a JDK 17 or newer\n");

    Path eight = fakeJdk("jre8", "1.8.0_292", false);
    Map<String, String> onPath = new HashMap<>(env);
    onPath.remove("JAVA_HOME");
    onPath.put("PATH", eight.resolve("bin") + ":/usr/bin:/bin");
    r = run(tmp, onPath, launcher, "--version");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("cairn: Java 17 or newer is needed, but " + eight.resolve("bin/java")
        + " (from PATH) is Java 1.8.0_292; set JAVA_HOME to a JDK 17 or newer\n");

    onPath.put("PATH", Files.createDirectories(tmp.resolve("empty")).toString());
    r = run(tmp, onPath, launcher, "--version");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("cairn: no Java found: JAVA_HOME is not set and there is no 'java' on PATH; "
        + "install a JDK 17 or newer\n");

    r = run(tmp, with(env, "JAVA_HOME", tmp.resolve("nowhere").toString()), launcher, "--version");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).isEqualTo("cairn: JAVA_HOME=" + tmp.resolve("nowhere") + " has no bin/java: point JAVA_HOME at "
        + "a JDK 17 or newer\n");
  }

  @Test
  void aReadOnlyInstallationKeepsItsClassDataArchivesInTheUserCache() throws Exception {
    try (Stream<Path> s = Files.walk(install)) {
      for (Path p : s.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x" : "r--r--r--"));
      }
    }
    Files.setPosixFilePermissions(install.resolve("bin/cairn"), PosixFilePermissions.fromString("r-xr-xr-x"));
    List<String> before = Dist.files(install);
    Map<String, String> e = with(env, "CAIRN_DEBUG", "1");
    Result first = run(tmp, e, launcher, "--version").ok();
    assertThat(first.err()).contains("cairn: recording class-data archive " + tmp.resolve("xdg-cache/cairn/cds/"
        + Dist.VERSION + "-java" + javaVersion + "-"));
    Result second = run(tmp, e, launcher, "--version").ok();
    assertThat(second.err()).contains("cairn: class-data archive " + tmp.resolve("xdg-cache/cairn/cds/"));
    List<String> cds = Dist.files(tmp.resolve("xdg-cache/cairn/cds"));
    assertThat(cds).hasSize(1);
    assertThat(cds.get(0)).matches(java.util.regex.Pattern.quote(Dist.VERSION + "-java" + javaVersion + "-") + "[0-9]+/cairn\\.jsa");
    assertThat(Dist.files(install)).isEqualTo(before);

    Map<String, String> noXdg = with(env, "CAIRN_DEBUG", "1");
    noXdg.remove("XDG_CACHE_HOME");
    Result home = run(tmp, noXdg, launcher, "status", "--help").ok();
    assertThat(home.err()).contains("cairn: recording class-data archive " + tmp.resolve("home/.cache/cairn/cds/"));
    assertThat(Dist.files(tmp.resolve("home/.cache/cairn/cds"))).singleElement().asString().endsWith("/status.jsa");
  }

  @Test
  void runsUnderDashAndThroughASymbolicLink() throws Exception {
    assertThat(run(tmp, env, "dash", launcher, "--version").ok().out()).isEqualTo("cairn " + Dist.VERSION + "\n");
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Files.createSymbolicLink(bin.resolve("cairn"), install.resolve("bin/cairn"));
    Map<String, String> e = with(env, "PATH", bin + ":" + env.get("PATH"));
    assertThat(run(tmp, e, "sh", "-c", "cairn --version").ok().out()).isEqualTo("cairn " + Dist.VERSION + "\n");
  }

  /** A directory that looks like a JDK of that version: bin/java prints it as 'java -version' does. */
  private Path fakeJdk(String name, String version, boolean releaseFile) throws Exception {
    Path home = Files.createDirectories(tmp.resolve(name));
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\necho 'java version \"" + version + "\"' >&2\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (releaseFile) {
      Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    }
    return home;
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    Map<String, String> e = new HashMap<>(env);
    e.put(key, value);
    return e;
  }
}
