package dev.cairn.exp;

import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Random experiment names, {@code adjective-noun}, from two fixed word lists (our own, not DVC's),
 * unique among the names already taken for a baseline.
 */
final class ExpNames {
  private ExpNames() {}

  static final List<String> ADJECTIVES = List.of(
      "agile", "amber", "ample", "azure", "bold", "brave", "brisk", "calm", "chief", "civic", "clear", "cosy",
      "crisp", "curly", "daft", "dapper", "deft", "dense", "dizzy", "eager", "early", "epic", "fancy", "fleet",
      "fluid", "fresh", "funky", "fuzzy", "gentle", "giddy", "glad", "grand", "hardy", "hasty", "humble", "icy",
      "jolly", "jumpy", "keen", "kind", "lanky", "lavish", "lively", "lofty", "loyal", "lucky", "merry", "mild",
      "misty", "modest", "neat", "nimble", "noble", "odd", "plucky", "polar", "proud", "quick", "quiet", "rapid",
      "regal", "rosy", "rowdy", "rusty", "sandy", "shiny", "sleek", "snowy", "solar", "spry", "stout", "sunny",
      "swift", "tidy", "tiny", "vivid", "warm", "wavy", "witty", "zesty");

  static final List<String> NOUNS = List.of(
      "acorn", "alder", "badger", "basil", "beacon", "birch", "bison", "canyon", "cedar", "comet", "coral",
      "crane", "delta", "dingo", "drum", "eagle", "ember", "falcon", "fern", "finch", "fjord", "gecko", "geyser",
      "glade", "heron", "hound", "ibis", "iris", "jackal", "kayak", "kite", "koala", "lagoon", "lark", "lemur",
      "lynx", "maple", "marmot", "meadow", "mesa", "moose", "newt", "oasis", "orca", "otter", "panda", "pebble",
      "pike", "quail", "quartz", "raven", "reef", "robin", "sable", "salmon", "shrew", "sparrow", "spruce",
      "stoat", "tapir", "tern", "thistle", "tundra", "walrus", "willow", "wombat", "yak", "zebra");

  /** A name not in {@code taken}; after many collisions a numeric suffix keeps it unique. */
  static String random(RandomGenerator rnd, Set<String> taken) {
    for (int attempt = 0; ; attempt++) {
      String n = ADJECTIVES.get(rnd.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(rnd.nextInt(NOUNS.size()));
      if (attempt > 50) {
        n = n + "-" + attempt;
      }
      if (!taken.contains(n)) {
        return n;
      }
    }
  }
}
