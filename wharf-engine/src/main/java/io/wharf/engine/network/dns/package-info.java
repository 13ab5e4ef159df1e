/**
 * The embedded DNS server of user-defined networks, Docker's {@code 127.0.0.11}: each container
 * of such a network gets a resolver address answering the names of the containers it can reach
 * (names, network aliases, links) from a {@link io.wharf.engine.network.dns.DnsResolver}, and
 * forwarding every other query to the host's upstream servers.
 *
 * <p>{@link io.wharf.engine.network.dns.DnsServer} serves any number of scopes (one per
 * container): the network service binds a UDP and a TCP channel inside the container's network
 * namespace and hands them over with the key its resolver understands. All UDP channels share one
 * selector thread; TCP connections and upstream forwarding run on virtual threads. Messages are
 * read and written by the package's own small codec ({@code DnsMessage}, {@code DnsName},
 * {@code DnsReply}), which knows just what the server needs of RFC 1035.
 */
package io.wharf.engine.network.dns;
