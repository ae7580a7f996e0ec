package dev.cairn.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.errors.CairnException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** exp push and exp pull share their option setters; their public behaviour is unchanged. */
class ExpSyncCommandsTest {
  static final List<String> SETTERS = List.of("setGitRemote", "addExperiment", "setNoCache", "setForce");

  @TempDir
  Path tmp;

  @Test
  void theOptionSettersAreDeclaredOnceForBothCommands() {
    for (Class<?> c : List.of(ExpPushCommand.class, ExpPullCommand.class)) {
      List<String> own = Arrays.stream(c.getDeclaredMethods()).filter(m -> !m.isBridge() && !m.isSynthetic())
          .map(Method::getName).toList();
      assertThat(own).as(c.getSimpleName()).doesNotContainAnyElementsOf(SETTERS);
    }
    Class<?> base = ExpPushCommand.class.getSuperclass();
    assertThat(ExpPullCommand.class.getSuperclass()).isSameAs(base);
    assertThat(Arrays.stream(base.getDeclaredMethods()).map(Method::getName).toList()).containsAll(SETTERS);
  }

  @Test
  void theSettersArePublicAndFluentOnEachCommand() throws Exception {
    for (Class<?> c : List.of(ExpPushCommand.class, ExpPullCommand.class)) {
      for (String name : SETTERS) {
        Method m = c.getMethod(name, name.startsWith("set") && !name.equals("setGitRemote") ? boolean.class : String.class);
        assertThat(Modifier.isPublic(m.getModifiers())).isTrue();
      }
    }
    Path root = tmp.resolve("repo");
    Files.createDirectories(root);
    Cairn.init(root).setNoScm(true).call();
    Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(),
        "DVC_SYSTEM_CONFIG_DIR", tmp.resolve("sys").toString());
    try (Cairn c = Cairn.open(root, env)) {
      ExpPushCommand push = c.expPush().setGitRemote("origin").setNoCache(true).setForce(true);
      ExpPullCommand pull = c.expPull().setGitRemote("origin").setNoCache(true).setForce(true);
      assertThat(push).isInstanceOf(ExpPushCommand.class);
      assertThat(pull).isInstanceOf(ExpPullCommand.class);
      assertThatThrownBy(push::call).isInstanceOf(CairnException.class)
          .hasMessage("exp push needs a Git remote and at least one experiment (or --rev, or --all-commits)")
          .extracting(e -> ((CairnException) e).kind()).isEqualTo(CairnException.Kind.INVALID_INPUT);
      assertThatThrownBy(pull::call).isInstanceOf(CairnException.class)
          .hasMessage("exp pull needs a Git remote and at least one experiment (or --rev, or --all-commits)");
      assertThatThrownBy(() -> c.expPush().setGitRemote(null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> c.expPull().addExperiment(null)).isInstanceOf(NullPointerException.class);
    }
  }
}
