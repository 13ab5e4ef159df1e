package io.wharf.engine.network.dns;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns one query into its reply, whatever the transport, as {@link DnsServer} describes: names
 * the {@link DnsResolver} knows are answered here, everything else is forwarded upstream.
 * Thread-safe: the rotation counters are concurrent; one instance serves every scope.
 */
final class QueryHandler {
  private static final Logger LOG = Logger.getLogger(QueryHandler.class.getName());
  /** Bounds the rotation counters: names come and go with containers. */
  private static final int MAX_COUNTERS = 4096;
  private final DnsResolver resolver;
  private final Forwarder forwarder;
  private final Map<String, AtomicInteger> rotations = new ConcurrentHashMap<>();

  QueryHandler(DnsResolver resolver, Forwarder forwarder) {
    this.resolver = resolver;
    this.forwarder = forwarder;
  }

  /**
   * The reply to {@code packet} from a client of {@code scope}, or null to send none. A reply over
   * UDP fits in what the client accepts; over TCP in 64 KiB. Blocks while forwarding.
   */
  byte[] handle(String scope, byte[] packet, boolean tcp) {
    DnsMessage query;
    try {
      query = DnsMessage.parse(packet);
    } catch (DnsFormatException e) {
      return null;
    }
    if (query.isResponse() || query.question() == null) {
      return null;
    }
    if (query.opcode() != 0) {
      return DnsReply.error(query, DnsMessage.NOTIMP);
    }
    int limit = tcp ? DnsMessage.MAX_LENGTH : query.udpLimit();
    byte[] local;
    try {
      local = answer(scope, query, limit);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, e, () -> "resolving " + query.question().name() + " for " + scope + " failed");
      return DnsReply.error(query, DnsMessage.SERVFAIL);
    }
    if (local != null) {
      return local;
    }
    byte[] relayed = forwarder.forward(packet);
    return relayed == null ? DnsReply.error(query, DnsMessage.SERVFAIL) : DnsReply.fit(relayed, query, limit);
  }

  /** Forgets the rotation of the names of {@code scope}. */
  void forget(String scope) {
    rotations.keySet().removeIf(key -> key.startsWith(scope + '\0'));
  }

  /** The reply from Wharf's own names, or null when the query is not about one of them. */
  private byte[] answer(String scope, DnsMessage query, int limit) {
    DnsMessage.Question question = query.question();
    if (question.dnsClass() != DnsMessage.CLASS_IN && question.dnsClass() != DnsMessage.CLASS_ANY) {
      return null;
    }
    if (question.type() == DnsMessage.TYPE_PTR) {
      Inet4Address address = DnsName.reverseAddress(question.labels());
      String name = address == null ? null : resolver.reverse(scope, address);
      if (name != null && !name.isEmpty()) {
        return DnsReply.pointer(query, name);
      }
    }
    String name = question.name();
    List<Inet4Address> addresses = name.isEmpty() ? List.of() : resolver.lookup(scope, name);
    if (addresses == null || addresses.isEmpty()) {
      return null;
    }
    if (question.type() != DnsMessage.TYPE_A) {
      // Docker answers so, rather than forward, that an AAAA lookup of an IPv4-only container
      // does not wait on (or leak to) the upstream servers.
      return DnsReply.empty(query);
    }
    return DnsReply.addresses(query, rotate(scope + '\0' + name, addresses), limit);
  }

  private List<Inet4Address> rotate(String key, List<Inet4Address> addresses) {
    if (addresses.size() < 2) {
      return addresses;
    }
    if (rotations.size() > MAX_COUNTERS) {
      rotations.clear();
    }
    int start = Math.floorMod(rotations.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement(),
        addresses.size());
    List<Inet4Address> rotated = new ArrayList<>(addresses.subList(start, addresses.size()));
    rotated.addAll(addresses.subList(0, start));
    return rotated;
  }
}
