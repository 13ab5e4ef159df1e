package io.wharf.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a plain-HTTP registry answers to clients that try TLS first, and to HTTP on one connection. */
class PlainDoorTest {
  @TempDir Path dir;

  private RegistryServer start() throws Exception {
    return RegistryServer.start(RegistryOptions.plain(new InetSocketAddress("127.0.0.1", 0), dir.resolve("root")));
  }

  @Test
  void aTlsHandshakeIsAnsweredWithAPlainBadRequest() throws Exception {
    try (RegistryServer registry = start(); Socket socket = new Socket("127.0.0.1", registry.address().getPort())) {
      socket.setSoTimeout(60_000); // a guard: before the door the server never answered
      OutputStream out = socket.getOutputStream();
      // a TLS record header (handshake, TLS 1.0 record version) and the start of a ClientHello, no CRLF anywhere
      out.write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x40, 0x01, 0x00, 0x00, 0x3c, 0x03, 0x03});
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
      assertThat(answer).startsWith("HTTP/1.0 400 Bad Request\r\n").endsWith("Client sent an HTTPS request to an HTTP server.\n");
    }
  }

  @Test
  void aTlsClientFailsItsHandshakeInsteadOfWaiting() throws Exception {
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(null, new TrustManager[] {new X509TrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    }}, null);
    try (RegistryServer registry = start();
        SSLSocket socket = (SSLSocket) trustAll.getSocketFactory().createSocket("127.0.0.1", registry.address().getPort())) {
      socket.setSoTimeout(60_000);
      assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
    }
  }

  @Test
  void requestsKeepTheirConnectionThroughTheDoor() throws Exception {
    try (RegistryServer registry = start(); Socket socket = new Socket("127.0.0.1", registry.address().getPort())) {
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 2; i++) {
        out.write("GET /v2/ HTTP/1.1\r\nHost: registry\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(readHead(in)).startsWith("HTTP/1.1 200 ").containsIgnoringCase("Docker-Distribution-Api-Version: registry/2.0");
        assertThat(new String(in.readNBytes(2), StandardCharsets.US_ASCII)).isEqualTo("{}");
      }
      socket.shutdownOutput();
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  private static String readHead(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }
}
