package dev.cairn.cli;

import picocli.CommandLine.Command;

/** {@code cairn git-hook}: what Git runs through what {@code cairn install} registered, not typed by users. */
@Command(name = "git-hook", hidden = true,
    description = "Run by Git through what 'cairn install' registered; not meant to be typed.",
    subcommands = {MergeDriverCmd.class})
final class GitHookCmd extends GroupCommand {
}
