package io.wharf.daemon.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.wharf.api.ApiVersion;
import io.wharf.oci.Json;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The answer to one request, written from the route's virtual thread: a whole JSON body, an
 * empty status, or a chunked stream (raw bytes, or newline-delimited JSON messages). Writes
 * wait while the socket is full, so a slow client slows the route instead of filling memory.
 * Not thread-safe: one per request.
 */
public final class ApiResponse {
  /** The Content-Type the docker CLI wants for JSON: exactly this, no charset. */
  public static final String JSON = "application/json";
  private final ChannelHandlerContext ctx;
  private final boolean keepAlive;
  private boolean started;
  private volatile boolean finished;
  private volatile boolean closeWhenFinished;
  private volatile boolean streaming;
  private final BodyStream body;
  private JsonMessageWriter messages;
  private final io.netty.handler.codec.http.HttpHeaders extraHeaders = new io.netty.handler.codec.http.DefaultHttpHeaders();

  private final java.util.function.Consumer<BodyStream> onHijack;
  private BodyStream hijackedInput;

  ApiResponse(ChannelHandlerContext ctx, boolean keepAlive, BodyStream body,
      java.util.function.Consumer<BodyStream> onHijack) {
    this.ctx = ctx;
    this.keepAlive = keepAlive;
    this.body = body;
    this.onHijack = onHijack;
  }

  /**
   * After {@link #hijack}: what the client sends on the raw stream (attach's stdin), ending
   * when the client closes its side.
   */
  public java.io.InputStream hijackedInput() {
    if (hijackedInput == null) {
      throw new IllegalStateException("the connection is not hijacked");
    }
    return hijackedInput;
  }

  public boolean started() {
    return started;
  }

  boolean finished() {
    return finished;
  }

  /** Whether the answer is a stream ({@link #stream}) begun and not yet ended. */
  boolean streaming() {
    return streaming && !finished;
  }

  /** Whether the connection is gone (the client closed it, or it was closed for it). */
  public boolean clientGone() {
    return !ctx.channel().isActive();
  }

  /** A whole JSON answer. */
  public void json(int status, Object body) {
    byte[] bytes;
    try {
      bytes = Json.MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise " + body.getClass(), e);
    }
    full(status, JSON, Unpooled.wrappedBuffer(bytes));
  }

  /** An answer without a body (204, 201, 304 …). */
  public void status(int status) {
    full(status, null, Unpooled.EMPTY_BUFFER);
  }

  /** A whole plain-text answer ({@code OK} of {@code GET /_ping}). */
  public void text(int status, String text) {
    full(status, "text/plain; charset=utf-8", Unpooled.copiedBuffer(text, java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Adds a header to the answer (before it starts). */
  public ApiResponse header(String name, String value) {
    extraHeaders.set(name, value);
    return this;
  }

  private void full(int status, String contentType, ByteBuf content) {
    begin();
    DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(status), content);
    decorate(response, contentType);
    response.headers().set("Content-Length", content.readableBytes());
    finish(ctx.writeAndFlush(response));
  }

  /** Starts a chunked answer; close the stream to end it. */
  public OutputStream stream(int status, String contentType) {
    begin();
    DefaultHttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
    decorate(response, contentType);
    response.headers().set("Transfer-Encoding", HttpHeaderValues.CHUNKED);
    ctx.writeAndFlush(response);
    streaming = true;
    return new ChunkedOutput();
  }

  /**
   * Takes the connection over for a raw stream (attach, exec): with {@code upgrade} (the
   * client sent {@code Upgrade: tcp}) the answer is {@code 101 UPGRADED}, which is the only
   * status the docker CLI accepts; without, {@code 200 OK} and a body with neither length nor
   * chunks, ended by closing (docker-java). Either way the HTTP codec leaves the pipeline and
   * the returned stream writes raw bytes; closing it closes the connection.
   */
  public OutputStream hijack(boolean upgrade, String contentType) {
    begin();
    HttpResponse response = upgrade
        ? new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, new HttpResponseStatus(101, "UPGRADED"))
        : new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    decorate(response, contentType);
    response.headers().remove("Connection");
    if (upgrade) {
      response.headers().set("Connection", "Upgrade").set("Upgrade", "tcp");
    }
    // encode the head, then drop the codec, in one event-loop task: later writes are raw, and
    // so are later reads (the codec hands on what it holds when it is removed)
    BodyStream input = new BodyStream(ctx.channel());
    hijackedInput = input;
    ctx.channel().eventLoop().submit(() -> {
      onHijack.accept(input);
      ctx.writeAndFlush(response);
      ctx.pipeline().remove(io.netty.handler.codec.http.HttpServerCodec.class);
    }).syncUninterruptibly();
    finished = true;
    return new RawOutput();
  }

  /** Raw bytes of a hijacked connection; closing closes the connection. */
  private final class RawOutput extends OutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (!ctx.channel().isActive()) {
        throw new IOException("the client went away");
      }
      ChannelFuture f = ctx.writeAndFlush(Unpooled.copiedBuffer(b, off, len));
      if (!ctx.channel().isWritable()) {
        f.awaitUninterruptibly();
      }
    }

    @Override
    public void close() {
      ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Starts a JSON message stream (200, {@code application/json}, one object a line). */
  public JsonMessageWriter jsonMessages() {
    messages = new JsonMessageWriter(stream(200, JSON));
    return messages;
  }

  /** The JSON message stream this answer is, once started; else null. */
  JsonMessageWriter messages() {
    return messages;
  }

  /** Ends a streamed answer that failed half-way: the client sees the connection close. */
  void abort() {
    finished = true;
    ctx.close();
  }

  private void begin() {
    if (started) {
      throw new IllegalStateException("the response has started already");
    }
    started = true;
  }

  /** Header names as Docker writes them (Netty's constants are lower case). */
  private void decorate(HttpResponse response, String contentType) {
    var headers = response.headers();
    headers.set("Api-Version", ApiVersion.CURRENT.toString());
    headers.set("Docker-Experimental", "false");
    headers.set("Ostype", "linux");
    headers.set("Server", "Wharf/" + io.wharf.daemon.WharfVersion.VERSION + " (linux)");
    if (contentType != null) {
      headers.set("Content-Type", contentType);
    }
    headers.add(extraHeaders);
    if (!keepAlive || !body.complete()) {
      headers.set("Connection", "close");
    }
  }

  /** The client has closed its side: close the connection once this answer is written. */
  void closeWhenFinished() {
    closeWhenFinished = true;
    if (finished) {
      ctx.close();
    }
  }

  private void finish(ChannelFuture last) {
    finished = true;
    // a body not read to its end leaves the connection unusable for another request
    if (!keepAlive || !body.complete() || closeWhenFinished) {
      last.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Chunks of a streamed answer; each write is flushed, and waits while the socket is full. */
  private final class ChunkedOutput extends OutputStream {
    private boolean closed;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("stream closed");
      }
      if (!ctx.channel().isActive()) {
        throw new IOException("the client went away");
      }
      if (len == 0) {
        return;
      }
      ChannelFuture f = ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(b, off, len)));
      if (!ctx.channel().isWritable()) {
        f.awaitUninterruptibly();
        if (!f.isSuccess()) {
          throw new IOException("the client went away", f.cause());
        }
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        finish(ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
      }
    }
  }
}
