/**
 * A client of the Docker Engine API over Unix sockets and TCP: blocking I/O on the JDK's
 * socket channels (no threads to start, so a CLI command starts fast), Netty's HTTP codec
 * driven synchronously for the framing, JSON bodies and JSON message streams.
 */
package io.wharf.client;
