package dev.cairn.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ReportWatch} on a fake clock: what the file does at each second, and when the report is posted. */
class ReportWatchTest {
  @TempDir
  Path tmp;

  /** A clock that the sleeper advances, running the file's script at each second it reaches. */
  final class Script {
    long nanos;
    final Map<Long, Runnable> at = new TreeMap<>();
    final List<Long> sleeps = new ArrayList<>();

    void sleep(Duration d) {
      sleeps.add(d.toMillis());
      long from = nanos;
      nanos += d.toNanos();
      at.forEach((second, action) -> {
        long t = Duration.ofSeconds(second).toNanos();
        if (t > from && t <= nanos) {
          action.run();
        }
      });
    }

    long second() {
      return Duration.ofNanos(nanos).toSeconds();
    }
  }

  static void write(Path f, String text, long mtimeSeconds) {
    try {
      Files.writeString(f, text);
      Files.setLastModifiedTime(f, FileTime.fromMillis(mtimeSeconds * 1000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void postsOnceSettledThenOnEveryChangeAndTheLastOneAtTheEnd() throws Exception {
    Path f = tmp.resolve("report.md");
    Script s = new Script();
    write(f, "epoch 1", 100);
    s.at.put(5L, () -> write(f, "epoch 2", 105));
    s.at.put(6L, () -> write(f, "epoch 2 and more", 106)); // still being written: not posted at 7
    s.at.put(20L, () -> write(f, "epoch 3", 120));          // the time-out comes before it settles
    List<String> posts = new ArrayList<>();
    List<Boolean> firsts = new ArrayList<>();
    int n = ReportWatch.of(f).setTimeout(Duration.ofSeconds(21)).setTime(() -> s.nanos, s::sleep).run(first -> {
      posts.add(s.second() + ": " + Files.readString(f));
      firsts.add(first);
    });
    assertThat(posts).containsExactly("2: epoch 1", "8: epoch 2 and more", "21: epoch 3");
    assertThat(firsts).containsExactly(true, false, false);
    assertThat(n).isEqualTo(3);
    assertThat(s.sleeps).hasSize(21).containsOnly(1000L);
  }

  @Test
  void waitsForTheFileAndGoesOnAfterALaterFailure() throws Exception {
    Path f = tmp.resolve("live/report.md");
    Files.createDirectories(f.getParent());
    Script s = new Script();
    s.at.put(3L, () -> write(f, "a", 3));
    s.at.put(8L, () -> write(f, "b", 8));
    s.at.put(14L, () -> write(f, "c", 14));
    List<String> said = new ArrayList<>();
    List<String> posts = new ArrayList<>();
    int n = ReportWatch.of(f).setTimeout(Duration.ofSeconds(20)).setTime(() -> s.nanos, s::sleep)
        .setListener(said::add).run(first -> {
          String text = Files.readString(f);
          if (text.equals("b")) {
            throw new IOException("502 from the forge");
          }
          posts.add(text);
        });
    assertThat(posts).containsExactly("a", "c");
    assertThat(n).isEqualTo(2);
    assertThat(said).containsExactly("Waiting for " + f + " to appear",
        "WARNING: could not post the report again: 502 from the forge");
  }

  @Test
  void aFailedFirstPostEndsTheWatch() {
    Path f = tmp.resolve("report.md");
    write(f, "x", 1);
    Script s = new Script();
    assertThatThrownBy(() -> ReportWatch.of(f).setTime(() -> s.nanos, s::sleep).run(first -> {
      throw new IllegalStateException("401 Bad credentials");
    })).hasMessage("401 Bad credentials");
  }
}
