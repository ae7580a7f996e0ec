package dev.cairn.storage.testkit;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback proxy for tests that sits between a client and a real server and misbehaves on
 * purpose. In {@linkplain #http HTTP mode} it reads each request, then (chosen per request with
 * {@link Faults}) answers {@code 503} itself, forwards it but resets the connection half-way
 * through a body, or forwards it after a delay; every other request passes through unchanged
 * except that connections are not reused ({@code Connection: close}). In {@linkplain #tcp TCP
 * mode} it pipes bytes and resets a share of connections after a few kilobytes.
 *
 * <p>Bounded: it listens on {@code 127.0.0.1} only, forwards only to a loopback address, serves
 * at most 64 connections at once and times out idle sockets after 30 seconds. Close it to stop.
 */
public final class FaultProxy implements Closeable {
  private static final int MAX_CONNECTIONS = 64;
  private static final int SO_TIMEOUT_MS = 30_000;
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private final InetSocketAddress upstream;
  private final Faults faults;
  private final boolean httpMode;
  private final ServerSocket server;
  private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "fault-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);
  private final Random random;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger errors = new AtomicInteger();
  private final AtomicInteger resets = new AtomicInteger();

  private FaultProxy(InetSocketAddress upstream, Faults faults, boolean httpMode) throws IOException {
    if (!upstream.getAddress().isLoopbackAddress()) {
      throw new IllegalArgumentException("FaultProxy forwards to loopback addresses only: " + upstream);
    }
    this.upstream = upstream;
    this.faults = faults;
    this.httpMode = httpMode;
    this.random = new Random(faults.seed());
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    pool.execute(this::acceptLoop);
  }

  /** Starts an HTTP/1.1-aware proxy in front of {@code upstream} (a loopback address). */
  public static FaultProxy http(InetSocketAddress upstream, Faults faults) throws IOException {
    return new FaultProxy(upstream, faults, true);
  }

  /**
   * Starts a byte-level proxy in front of {@code upstream}: a {@code resetRate} share of connections
   * is reset after 1 to 17 KiB sent by the client, and each connection waits {@code delay} first;
   * {@code errorRate} does not apply.
   */
  public static FaultProxy tcp(InetSocketAddress upstream, Faults faults) throws IOException {
    return new FaultProxy(upstream, faults, false);
  }

  /** The port the proxy listens on, at {@code 127.0.0.1}. */
  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String httpUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** Requests (HTTP mode) or connections (TCP mode) seen so far. */
  public int requests() {
    return requests.get();
  }

  /** Requests answered with an injected {@code 503}. */
  public int injectedErrors() {
    return errors.get();
  }

  /** Connections reset on purpose. */
  public int injectedResets() {
    return resets.get();
  }

  @Override
  public void close() throws IOException {
    server.close();
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private enum Fault { NONE, ERROR, RESET }

  private synchronized Fault nextFault() {
    double r = random.nextDouble();
    if (r < faults.errorRate()) {
      return Fault.ERROR;
    }
    return r < faults.errorRate() + faults.resetRate() ? Fault.RESET : Fault.NONE;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (!slots.tryAcquire()) {
        closeQuietly(client);
        continue;
      }
      try {
        pool.execute(() -> {
          try (client) {
            client.setSoTimeout(SO_TIMEOUT_MS);
            if (httpMode) {
              serveHttp(client);
            } else {
              serveTcp(client);
            }
          } catch (IOException e) {
            // the client or the server went away: nothing to report in a test proxy
          } finally {
            slots.release();
          }
        });
      } catch (RejectedExecutionException e) {
        slots.release();
        closeQuietly(client);
      }
    }
  }

  private void serveTcp(Socket client) throws IOException {
    requests.incrementAndGet();
    Fault fault = nextDouble() < faults.resetRate() ? Fault.RESET : Fault.NONE;
    sleep();
    try (Socket up = connectUpstream()) {
      long cut = fault == Fault.RESET ? 1024 + random(16 * 1024) : Long.MAX_VALUE;
      Thread back = new Thread(() -> {
        try {
          pipe(up.getInputStream(), client.getOutputStream(), Long.MAX_VALUE);
        } catch (IOException e) {
          // closed
        } finally {
          closeQuietly(client);
        }
      }, "fault-proxy-back");
      back.setDaemon(true);
      back.start();
      long sent = pipe(client.getInputStream(), up.getOutputStream(), cut);
      if (sent >= cut) {
        resets.incrementAndGet();
        reset(client);
        reset(up);
      }
      try {
        back.join(SO_TIMEOUT_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void serveHttp(Socket client) throws IOException {
    InputStream in = client.getInputStream();
    OutputStream out = client.getOutputStream();
    List<String> head = readHead(in);
    if (head == null) {
      return;
    }
    requests.incrementAndGet();
    Fault fault = nextFault();
    String requestLine = head.get(0);
    long length = contentLength(head);
    boolean chunked = isChunked(head);
    boolean expectContinue = header(head, "expect") != null;
    if (expectContinue && (length > 0 || chunked)) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }
    if (fault == Fault.ERROR) {
      errors.incrementAndGet();
      copyBody(in, OutputStream.nullOutputStream(), length, chunked, Long.MAX_VALUE);
      byte[] body = "injected fault\n".getBytes(StandardCharsets.ISO_8859_1);
      out.write(("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return;
    }
    sleep();
    try (Socket up = connectUpstream()) {
      OutputStream upOut = up.getOutputStream();
      StringBuilder sb = new StringBuilder(requestLine).append("\r\n");
      for (String h : head.subList(1, head.size())) {
        String name = h.substring(0, Math.max(0, h.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
        if (!name.equals("connection") && !name.equals("expect") && !name.equals("keep-alive")) {
          sb.append(h).append("\r\n");
        }
      }
      sb.append("Connection: close\r\n\r\n");
      upOut.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
      boolean hasBody = length > 0 || chunked;
      if (fault == Fault.RESET && hasBody) {
        long cut = length > 0 ? Math.max(1, length / 2) : 4096;
        copyBody(in, upOut, length, chunked, cut);
        upOut.flush();
        resets.incrementAndGet();
        reset(up);
        reset(client);
        return;
      }
      copyBody(in, upOut, length, chunked, Long.MAX_VALUE);
      upOut.flush();
      relayResponse(up.getInputStream(), out, fault == Fault.RESET, requestLine.startsWith("HEAD "), client);
    }
  }

  private void relayResponse(InputStream upIn, OutputStream out, boolean resetBody, boolean head, Socket client)
      throws IOException {
    List<String> respHead = readHead(upIn);
    if (respHead == null) {
      return;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(respHead.get(0)).append("\r\n");
    for (String h : respHead.subList(1, respHead.size())) {
      String name = h.substring(0, Math.max(0, h.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
      if (!name.equals("connection") && !name.equals("keep-alive")) {
        sb.append(h).append("\r\n");
      }
    }
    sb.append("Connection: close\r\n\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    long length = contentLength(respHead);
    if (resetBody) {
      long cut = head || length == 0 ? 0 : length > 0 ? Math.max(1, length / 2) : 2048;
      pipe(upIn, out, cut);
      out.flush();
      resets.incrementAndGet();
      reset(client);
      return;
    }
    pipe(upIn, out, Long.MAX_VALUE);
    out.flush();
  }

  private Socket connectUpstream() throws IOException {
    Socket up = new Socket();
    up.connect(upstream, 5_000);
    up.setSoTimeout(SO_TIMEOUT_MS);
    return up;
  }

  private void sleep() {
    if (!faults.delay().isZero()) {
      try {
        Thread.sleep(faults.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private synchronized double nextDouble() {
    return random.nextDouble();
  }

  private synchronized long random(int bound) {
    return random.nextInt(bound);
  }

  /** Reads a header block up to the blank line; {@code null} at end of stream. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    int prev = -1;
    while (true) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      if (++total > MAX_HEADER_BYTES) {
        throw new IOException("header too large");
      }
      if (c == '\n' && prev == '\r') {
        byte[] b = line.toByteArray();
        String s = new String(b, 0, b.length - 1, StandardCharsets.ISO_8859_1);
        if (s.isEmpty()) {
          if (lines.isEmpty()) {
            continue;
          }
          return lines;
        }
        lines.add(s);
        line.reset();
      } else {
        line.write(c);
      }
      prev = c;
    }
  }

  private static String header(List<String> head, String name) {
    for (String h : head.subList(1, head.size())) {
      int colon = h.indexOf(':');
      if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
        return h.substring(colon + 1).trim();
      }
    }
    return null;
  }

  private static long contentLength(List<String> head) {
    String v = header(head, "content-length");
    return v == null ? -1 : Long.parseLong(v);
  }

  private static boolean isChunked(List<String> head) {
    String v = header(head, "transfer-encoding");
    return v != null && v.toLowerCase(Locale.ROOT).contains("chunked");
  }

  /** Copies a request body (fixed length or chunked, framing included) but at most {@code limit} bytes. */
  private static void copyBody(InputStream in, OutputStream out, long length, boolean chunked, long limit)
      throws IOException {
    if (!chunked) {
      if (length > 0) {
        long n = pipe(in, out, Math.min(length, limit));
        if (n < Math.min(length, limit)) {
          throw new IOException("request body ended early");
        }
      }
      return;
    }
    long copied = 0;
    while (copied < limit) {
      String sizeLine = readLine(in);
      out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      int semi = sizeLine.indexOf(';');
      long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      if (size == 0) {
        String trailer;
        do {
          trailer = readLine(in);
          out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        } while (!trailer.isEmpty());
        return;
      }
      long n = pipe(in, out, Math.min(size, limit - copied));
      copied += n;
      if (n < size) {
        return;
      }
      out.write((readLine(in) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      if (b.size() > 8192) {
        throw new IOException("line too long");
      }
      b.write(c);
    }
    if (c < 0) {
      throw new IOException("unexpected end of chunked body");
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** Copies up to {@code limit} bytes or to the end of {@code in}; returns the count copied. */
  private static long pipe(InputStream in, OutputStream out, long limit) throws IOException {
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    while (total < limit) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, limit - total));
      if (n < 0) {
        break;
      }
      out.write(buf, 0, n);
      total += n;
    }
    out.flush();
    return total;
  }

  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed
    }
    closeQuietly(s);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
