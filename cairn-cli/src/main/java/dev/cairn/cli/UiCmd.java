package dev.cairn.cli;

import dev.cairn.api.Cairn;
import dev.cairn.ui.UiServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ui", description = {
    "Serve a dashboard of this repository's experiments in the browser: the experiments table (the data of exp show), their plots overlaid with Vega-Lite, live training metrics, the pipeline with each stage's state, actions (queue with edited params, run the queue, apply, branch, remove) and the pull-request report. The page works offline.",
    "It listens on 127.0.0.1 only, unless --host says otherwise. The URL printed on stdout carries a per-session token after '#'; every request of the page needs it, and requests from other sites are refused. Stop with Ctrl-C."})
final class UiCmd extends BaseCommand {
  @Option(names = "--port", paramLabel = "<n>", description = "The port to listen on (default: any free port).")
  int port;

  @Option(names = "--host", paramLabel = "<address>", description = "Listen on this address instead of 127.0.0.1, for example 0.0.0.0. Anyone who can reach it and has the URL can see and change the experiments.")
  String host;

  @Option(names = "--open", description = "Open the page in the default browser.")
  boolean open;

  @Option(names = "--no-write", description = "Read-only: refuse every action (queue, run, apply, branch, remove).")
  boolean noWrite;

  @Override
  int doCall() throws Exception {
    if (port < 0 || port > 65535) {
      throw new ExitException(ExitCodes.USAGE, "cairn ui: --port must be 0..65535, got " + port);
    }
    Path root;
    try (Cairn c = open()) {
      root = c.repo().root();
    }
    String bind = host == null ? UiServer.LOOPBACK : host;
    if (host != null) {
      try {
        if (!InetAddress.getByName(host).isLoopbackAddress()) {
          err().println("WARNING: cairn ui listens on " + host + ", not only on this machine: whoever reaches it with"
              + " the URL can read the experiments" + (noWrite ? "" : " and run, apply or remove them") + ".");
        }
      } catch (IOException e) {
        throw new ExitException(ExitCodes.USAGE, "cairn ui: cannot resolve --host " + host + ": " + e.getMessage());
      }
    }
    boolean verbose = root().verbose;
    UiServer server;
    try {
      server = UiServer.start(new UiServer.Options(root, bind, port, !noWrite, env(),
          line -> {
            if (verbose) {
              err().println("cairn ui: " + line);
              err().flush();
            }
          }));
    } catch (BindException e) {
      throw new ExitException(ExitCodes.FAILED, "cairn ui: cannot listen on " + bind + ":" + port + " (" + e.getMessage()
          + "); choose another port with --port, or --port 0 for any free one");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "cairn-ui-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    out().println(server.pageUrl());
    out().flush();
    info("Serving " + root + (noWrite ? " (read-only)" : "") + "; press Ctrl-C to stop.");
    err().flush();
    if (open) {
      browse(server.pageUrl().toString());
    }
    stopped.await();
    return 0;
  }

  /** Opens the URL with the desktop's opener; failure only warns (the URL is printed). */
  private void browse(String url) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    ProcessBuilder pb = os.contains("win") ? new ProcessBuilder("rundll32", "url.dll,FileProtocolHandler", url)
        : os.contains("mac") ? new ProcessBuilder("open", url) : new ProcessBuilder("xdg-open", url);
    try {
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      err().println("WARNING: cannot open a browser (" + e.getMessage() + "); open the URL above yourself.");
    }
  }
}
