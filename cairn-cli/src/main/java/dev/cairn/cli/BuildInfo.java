package dev.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the build put in {@code build.properties}: the version, and a release's default repository base. */
final class BuildInfo {
  private static final Properties PROPS = load();

  private BuildInfo() {}

  /** Cairn's version, e.g. {@code 0.1.0}. */
  static String version() {
    return PROPS.getProperty("version", "unknown");
  }

  /** The Maven repository base a release build baked in for {@code cairn wrapper}; empty in other builds. */
  static String repositoryUrl() {
    String url = PROPS.getProperty("repositoryUrl", "");
    return url.startsWith("${") ? "" : url.strip();
  }

  private static Properties load() {
    Properties p = new Properties();
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
