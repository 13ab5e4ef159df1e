/**
 * The HTTP/1.1 server of the Engine API on Netty: Unix-domain and loopback TCP listeners,
 * requests with streamed bodies handed to blocking route code on virtual threads, responses
 * as JSON, chunked streams or JSON message streams, versioned paths, and errors mapped to
 * Docker's statuses in one place.
 */
package io.wharf.daemon.http;
