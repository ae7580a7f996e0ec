package dev.cairn.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archives themselves: layout, file modes, fixed timestamps (what makes two builds of a commit
 * byte-identical; docs/performance.md has the double build), checksum files, and lint of the two
 * shell scripts a user runs ({@code bin/cairn}, and {@code cairnw} as {@code cairn wrapper} writes it).
 */
class ArchiveIT {
  static final String TOP = Dist.NAME + "/";
  static final Instant STAMP = Instant.parse(System.getProperty("cairn.outputTimestamp"));

  @TempDir
  Path tmp;

  /** One tar entry: name, mode, mtime, owner ids, content. */
  record TarEntry(String name, int mode, long mtime, long uid, long gid, byte[] data) {}

  @Test
  void tarGzHoldsBinLibLicenseReadmeUnderOneTopDirectoryWithFixedModesAndTimes() throws Exception {
    Map<String, TarEntry> tar = readTarGz(Dist.TAR_GZ);
    assertThat(tar.keySet().stream().filter(n -> !n.endsWith("/")).sorted().toList()).containsExactly(
        TOP + "LICENSE", TOP + "README", TOP + "bin/cairn", TOP + "bin/cairn.cmd", TOP + "lib/cairn.jar");
    assertThat(tar.keySet()).allMatch(n -> n.startsWith(TOP));
    assertThat(tar.get(TOP + "bin/cairn").mode()).isEqualTo(0755);
    for (String f : List.of("LICENSE", "README", "bin/cairn.cmd", "lib/cairn.jar")) {
      assertThat(tar.get(TOP + f).mode()).as(f).isEqualTo(0644);
    }
    for (TarEntry e : tar.values()) {
      assertThat(Instant.ofEpochSecond(e.mtime())).as(e.name()).isEqualTo(STAMP);
      assertThat(e.uid()).as(e.name()).isZero();
      assertThat(e.gid()).as(e.name()).isZero();
    }
    byte[] gz = Files.readAllBytes(Dist.TAR_GZ);
    long gzipTime = (gz[4] & 0xffL) | (gz[5] & 0xffL) << 8 | (gz[6] & 0xffL) << 16 | (gz[7] & 0xffL) << 24;
    assertThat(gzipTime == 0 || gzipTime == STAMP.getEpochSecond()).as("gzip header time " + gzipTime).isTrue();

    String launcher = new String(tar.get(TOP + "bin/cairn").data(), StandardCharsets.UTF_8);
    assertThat(launcher).startsWith("#!/bin/sh\n").contains("Cairn " + Dist.VERSION + " (release distribution)")
        .doesNotContain("@cairn.").doesNotContain("\r");
    assertThat(new String(tar.get(TOP + "bin/cairn.cmd").data(), StandardCharsets.US_ASCII)).contains("\r\n")
        .doesNotContainPattern("[^\r]\n");
    assertThat(new String(tar.get(TOP + "LICENSE").data(), StandardCharsets.UTF_8)).contains("Apache License",
        "Version 2.0, January 2004");
    assertThat(new String(tar.get(TOP + "README").data(), StandardCharsets.UTF_8)).startsWith("Cairn " + Dist.VERSION);
    try (JarInputStream jar = new JarInputStream(new java.io.ByteArrayInputStream(tar.get(TOP + "lib/cairn.jar").data()))) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("dev.cairn.cli.Main");
    }
  }

  @Test
  void zipHoldsTheSameFilesWithTheSameBytes() throws Exception {
    Map<String, TarEntry> tar = readTarGz(Dist.TAR_GZ);
    try (ZipFile zip = new ZipFile(Dist.ZIP.toFile())) {
      List<String> names = zip.stream().map(ZipEntry::getName).filter(n -> !n.endsWith("/")).sorted().toList();
      assertThat(names).containsExactlyElementsOf(tar.keySet().stream().filter(n -> !n.endsWith("/")).sorted().toList());
      for (String n : names) {
        try (InputStream in = zip.getInputStream(zip.getEntry(n))) {
          assertThat(in.readAllBytes()).as(n).isEqualTo(tar.get(n).data());
        }
      }
    }
  }

  @Test
  void eachArchiveHasASha256FileInSha256sumFormat() throws Exception {
    for (Path archive : List.of(Dist.TAR_GZ, Dist.ZIP)) {
      Path sum = archive.resolveSibling(archive.getFileName() + ".sha256");
      assertThat(Files.readString(sum)).isEqualTo(Dist.sha256(archive) + "  " + archive.getFileName() + "\n");
      Dist.run(Dist.TARGET, Dist.env(tmp), "sha256sum", "--check", "--quiet", sum.getFileName().toString()).ok();
    }
  }

  @Test
  void theScriptsAreValidPosixShell() throws Exception {
    Map<String, String> env = Dist.env(tmp);
    Path launcher = Dist.unpack(tmp.resolve("opt"), env).resolve("bin/cairn");
    Path cairnw = tmp.resolve("cairnw");
    try (ZipFile jar = new ZipFile(launcher.resolveSibling("../lib/cairn.jar").normalize().toFile());
        InputStream in = jar.getInputStream(jar.getEntry("dev/cairn/wrapper/cairnw"))) {
      Files.write(cairnw, in.readAllBytes());
    }
    for (Path script : List.of(launcher, cairnw)) {
      Dist.run(tmp, env, "sh", "-n", script.toString()).ok();
      Dist.run(tmp, env, "dash", "-n", script.toString()).ok();
    }
    boolean shellcheck = Dist.run(tmp, env, "sh", "-c", "command -v shellcheck").code() == 0;
    assumeTrue(shellcheck, "shellcheck is not installed (Debian package shellcheck; .ci/run installs it)");
    Dist.Result r = Dist.run(tmp, env, "shellcheck", "--shell=sh", launcher.toString(), cairnw.toString());
    assertThat(r.code()).as(r.out()).isZero();
  }

  /** The entries of a .tar.gz (ustar/POSIX headers; enough for what the assembly plugin writes). */
  static Map<String, TarEntry> readTarGz(Path file) throws IOException {
    Map<String, TarEntry> out = new LinkedHashMap<>();
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      String longName = null;
      while (true) {
        byte[] h = in.readNBytes(512);
        if (h.length < 512 || h[0] == 0) {
          break;
        }
        String name = str(h, 0, 100);
        String prefix = str(h, 345, 155);
        long size = octal(h, 124, 12);
        byte type = h[156];
        byte[] data = in.readNBytes((int) size);
        in.readNBytes((int) ((512 - size % 512) % 512));
        if (type == 'x' || type == 'L') {
          String text = new String(data, StandardCharsets.UTF_8);
          int i = text.indexOf(" path=");
          longName = type == 'L' ? text.strip() : i < 0 ? null : text.substring(i + 6, text.indexOf('\n', i));
          continue;
        }
        String full = longName != null ? longName : prefix.isEmpty() ? name : prefix + "/" + name;
        longName = null;
        out.put(full, new TarEntry(full, (int) octal(h, 100, 8) & 07777, octal(h, 136, 12), octal(h, 108, 8), octal(h, 116, 8), data));
      }
    }
    return out;
  }

  private static String str(byte[] h, int off, int len) {
    int end = off;
    while (end < off + len && h[end] != 0) {
      end++;
    }
    return new String(h, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] h, int off, int len) {
    String s = str(h, off, len).strip();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}
