package io.wharf.engine.network.dns;

import io.wharf.oci.errors.Conflict;
import io.wharf.oci.errors.SystemError;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wharf's embedded DNS server, Docker's {@code 127.0.0.11}: serves DNS on channels the caller
 * has bound (the caller may have created them inside a container's network namespace, bound to
 * {@code 127.0.0.11:53}), answering the names of a {@link DnsResolver} and forwarding the rest to
 * upstream servers, over UDP and over TCP (RFC 7766, two-byte length before each message).
 *
 * <p>As Docker's resolver does:
 *
 * <ul>
 *   <li>A of a name the resolver knows: NOERROR with all its addresses, TTL 600, their order
 *       rotated by one on each query (round-robin); as many as fit in a UDP reply (512 bytes, or
 *       the client's EDNS size), with TC set when some did not;
 *   <li>AAAA, or any other type, of a known name: NOERROR without answers, never forwarded;
 *   <li>PTR of an {@code in-addr.arpa} name whose address the resolver knows: that name;
 *   <li>anything else: forwarded unchanged to the upstreams in order, over UDP, each given 2
 *       seconds, and over TCP again when its answer is truncated; an upstream that answers
 *       SERVFAIL or REFUSED is passed over; the first other answer is relayed, with the client's
 *       ID. SERVFAIL when every upstream failed, or there is none;
 *   <li>of several questions, the first is answered; a malformed packet, or a response, gets no
 *       reply; a non-QUERY opcode gets NOTIMP.
 * </ul>
 *
 * <p>Lifecycle: one server for the daemon; {@link #serve} when a container joins a user-defined
 * network (the scope is the key the resolver understands, typically the container's ID), {@link
 * #stop} when it leaves or stops, {@link #close} at shutdown. For example:
 *
 * <pre>{@code
 * DnsServer dns = new DnsServer(networks, DnsServer.upstreamsOf(Files.readString(Path.of("/etc/resolv.conf"))));
 * dns.serve(containerId, udpOn127_0_0_11, tcpOn127_0_0_11);
 * ...
 * dns.stop(containerId);
 * }</pre>
 *
 * <p>Threads: one platform thread selects over every scope's UDP channel; queries are answered,
 * and TCP connections served, on virtual threads. Upstreams are asked from wharfd's own network
 * namespace. Thread-safe.
 */
public final class DnsServer implements AutoCloseable {
  private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(2);
  private static final int DNS_PORT = 53;
  private final QueryHandler handler;
  private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
      Thread.ofVirtual().name("wharf-dns-", 0).factory());
  private final DatagramLoop datagrams;
  private final Map<String, Scope> scopes = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private record Scope(DatagramChannel udp, TcpListener tcp) {}

  /** A server answering from {@code resolver} and forwarding to {@code upstreams}, in order (none: SERVFAIL). */
  public DnsServer(DnsResolver resolver, List<InetSocketAddress> upstreams) {
    this(resolver, upstreams, UPSTREAM_TIMEOUT);
  }

  DnsServer(DnsResolver resolver, List<InetSocketAddress> upstreams, Duration upstreamTimeout) {
    this.handler = new QueryHandler(Objects.requireNonNull(resolver), new Forwarder(upstreams, upstreamTimeout));
    try {
      this.datagrams = new DatagramLoop(handler, threads);
    } catch (IOException e) {
      threads.close();
      throw new SystemError("cannot open a selector for the DNS server: " + e.getMessage(), e);
    }
  }

  /**
   * Starts serving {@code udp} (and {@code tcp}, may be null) for {@code scope}. The channels
   * must be bound; from now on they belong to the server, which closes them on {@link #stop}.
   *
   * @throws Conflict if {@code scope} is served already
   */
  public void serve(String scope, DatagramChannel udp, ServerSocketChannel tcp) {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(udp, "udp");
    if (closed) {
      throw new IllegalStateException("the DNS server is closed");
    }
    TcpListener listener;
    try {
      listener = tcp == null ? null : new TcpListener(scope, tcp, handler, threads);
    } catch (IOException e) {
      throw new SystemError("cannot serve DNS over TCP for " + scope + ": " + e.getMessage(), e);
    }
    if (scopes.putIfAbsent(scope, new Scope(udp, listener)) != null) {
      throw new Conflict("DNS is served already for " + scope);
    }
    if (closed) {
      stop(scope);
      throw new IllegalStateException("the DNS server is closed");
    }
    try {
      datagrams.add(scope, udp);
    } catch (IOException e) {
      stop(scope);
      throw new SystemError("cannot serve DNS over UDP for " + scope + ": " + e.getMessage(), e);
    }
    if (listener != null) {
      listener.start();
    }
  }

  /** Stops serving {@code scope} and closes its channels (and its open TCP connections); nothing if not served. */
  public void stop(String scope) {
    Scope stopped = scopes.remove(scope);
    if (stopped != null) {
      datagrams.remove(stopped.udp());
      if (stopped.tcp() != null) {
        stopped.tcp().close();
      }
    }
    handler.forget(scope);
  }

  /** Stops serving every scope, closing their channels. */
  @Override
  public void close() {
    closed = true;
    List.copyOf(scopes.keySet()).forEach(this::stop);
    datagrams.close();
    threads.shutdownNow();
  }

  /**
   * The upstream servers of a resolv.conf text: the address of each {@code nameserver} line
   * (IPv4 and IPv6, with a zone if any), port 53, in order. Lines that are comments, or name no
   * address literal, are skipped.
   */
  public static List<InetSocketAddress> upstreamsOf(String resolvConf) {
    List<InetSocketAddress> upstreams = new ArrayList<>();
    for (String line : resolvConf.lines().toList()) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length < 2 || !fields[0].equals("nameserver")) {
        continue;
      }
      try {
        InetSocketAddress upstream = new InetSocketAddress(InetAddress.ofLiteral(fields[1]), DNS_PORT);
        if (!upstreams.contains(upstream)) {
          upstreams.add(upstream);
        }
      } catch (IllegalArgumentException e) {
        // not an address: resolv.conf takes none but literals
      }
    }
    return List.copyOf(upstreams);
  }
}
