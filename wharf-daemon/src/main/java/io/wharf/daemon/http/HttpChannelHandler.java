package io.wharf.daemon.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ExecutorService;

/**
 * One connection's requests: each request head starts its route on a virtual thread, and the
 * body chunks that follow are fed to that route's {@link BodyStream}. Requests on one
 * connection are handled one after the other, as HTTP/1.1 clients send them. Not sharable:
 * one instance per channel.
 */
final class HttpChannelHandler extends ChannelInboundHandlerAdapter {
  private final Router router;
  private final ExecutorService workers;
  private BodyStream body;
  private ApiResponse response;
  /** The raw input of a hijacked connection (attach's stdin), or null. */
  private BodyStream raw;

  HttpChannelHandler(Router router, ExecutorService workers) {
    this.router = router;
    this.workers = workers;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest head) {
        if (head.decoderResult().isFailure()) {
          ctx.close();
          return;
        }
        BodyStream stream = new BodyStream(ctx.channel());
        body = stream;
        QueryStringDecoder uri = new QueryStringDecoder(head.uri());
        ApiRequest request = new ApiRequest(head.method(), uri.path(), uri.parameters(), head.headers(), stream);
        ApiResponse response = new ApiResponse(ctx, HttpUtil.isKeepAlive(head), stream, input -> raw = input);
        this.response = response;
        workers.execute(() -> {
          try {
            router.dispatch(request, response);
          } finally {
            stream.close();
          }
        });
      }
      if (msg instanceof io.netty.buffer.ByteBuf bytes) {
        if (raw != null) {
          raw.offer(bytes.retain());
        }
        return;
      }
      if (msg instanceof HttpContent content && body != null) {
        body.offer(content.content().retain());
        if (content instanceof LastHttpContent) {
          body.end();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /**
   * The client closed its side. On a hijacked stream (attach) that is the end of stdin and
   * the output goes on until the stream ends; on an HTTP connection it is the end: close it
   * once the answer in progress, if any, is written (half-closure is allowed for attach's
   * sake, so nothing else would close it). A stream in progress ({@code logs -f}, events)
   * ends at once, as Docker's server cancels a request whose client went away: it might
   * otherwise wait for output for hours, and epoll reports the hang-up again and again
   * meanwhile (the event loop spun at a third of a core).
   */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
      if (body != null) {
        body.abort();
      }
      boolean hijacked = ctx.pipeline().get(io.netty.handler.codec.http.HttpServerCodec.class) == null;
      if (raw != null) {
        raw.end(); // the end of attach's stdin; the output goes on
      }
      if (!hijacked) {
        if (response == null || response.finished() || response.streaming()) {
          ctx.close();
        } else {
          response.closeWhenFinished();
        }
      }
    }
    ReferenceCountUtil.release(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (body != null) {
      body.abort();
    }
    if (raw != null) {
      raw.end();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
