package dev.cairn.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Temp files of killed uploads to a local remote are removed by a later write, once stale. */
class LocalStorageStaleTempsTest {
  @TempDir
  Path tmp;

  static Clock later(Duration d) {
    return Clock.offset(Clock.systemUTC(), d);
  }

  void put(LocalStorage s, String key, String content) throws Exception {
    try (Storage.AtomicOutput out = s.create(key)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }

  List<String> files(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.forEach(p -> out.add(p.getFileName().toString()));
    }
    out.sort(null);
    return out;
  }

  @Test
  void aWriteIntoADirectoryDeletesItsStaleTempFiles() throws Exception {
    Path ab = Files.createDirectories(tmp.resolve("files/md5/ab"));
    Path cd = Files.createDirectories(tmp.resolve("files/md5/cd"));
    Files.writeString(ab.resolve(".1f2e3d.tmp"), "half an upload a kill interrupted");
    Files.writeString(ab.resolve(".9a8b7c.tmp"), "another");
    Files.writeString(ab.resolve("notatemp"), "kept");
    Files.writeString(cd.resolve(".5e5e5e.tmp"), "in a directory nothing is written to");
    LocalStorage s = new LocalStorage(tmp, later(Duration.ofHours(25)));
    put(s, "files/md5/ab/0123456789abcdef0123456789abcd", "x");
    assertThat(files(ab)).containsExactly("0123456789abcdef0123456789abcd", "notatemp");
    assertThat(files(cd)).containsExactly(".5e5e5e.tmp");
  }

  @Test
  void youngTempFilesAreUploadsInProgressAndStay() throws Exception {
    Path ab = Files.createDirectories(tmp.resolve("files/md5/ab"));
    Files.writeString(ab.resolve(".1f2e3d.tmp"), "another process's upload");
    // an old mtime alone does not make it stale: the ctime says it changed just now
    Files.setLastModifiedTime(ab.resolve(".1f2e3d.tmp"), FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    put(new LocalStorage(tmp), "files/md5/ab/0123456789abcdef0123456789abcd", "x");
    put(new LocalStorage(tmp, later(Duration.ofHours(23))), "files/md5/ab/1123456789abcdef0123456789abcd", "y");
    assertThat(files(ab)).containsExactly(".1f2e3d.tmp", "0123456789abcdef0123456789abcd",
        "1123456789abcdef0123456789abcd");
  }

  @Test
  void anOpenUploadOfTheSameInstanceIsNotTouched() throws Exception {
    LocalStorage s = new LocalStorage(tmp, later(Duration.ofHours(25)));
    Storage.AtomicOutput open = s.create("files/md5/ab/0123456789abcdef0123456789abcd");
    open.write(new byte[] {1, 2, 3});
    put(s, "files/md5/ab/1123456789abcdef0123456789abcd", "y");
    put(new LocalStorage(tmp), "files/md5/ab/2123456789abcdef0123456789abcd", "z");
    open.close();
    assertThat(files(tmp.resolve("files/md5/ab"))).containsExactly("0123456789abcdef0123456789abcd",
        "1123456789abcdef0123456789abcd", "2123456789abcdef0123456789abcd");
  }

  @Test
  void staleMeansUnchangedForADay() throws Exception {
    Path t = Files.writeString(tmp.resolve(".abc.tmp"), "x");
    assertThat(StaleTemps.isStale(t, Instant.now())).isFalse();
    assertThat(StaleTemps.isStale(t, Instant.now().plus(Duration.ofHours(23)))).isFalse();
    assertThat(StaleTemps.isStale(t, Instant.now().plus(Duration.ofHours(25)))).isTrue();
    assertThat(StaleTemps.isStale(tmp.resolve(".gone.tmp"), Instant.now().plus(Duration.ofDays(9)))).isFalse();
    assertThat(StaleTemps.isTempName(".abc.tmp")).isTrue();
    assertThat(StaleTemps.isTempName("abc.tmp")).isFalse();
    assertThat(StaleTemps.isTempName(".abc")).isFalse();
  }
}
