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
        ApiResponse response = new ApiResponse(ctx, HttpUtil.isKeepAlive(head), stream);
        workers.execute(() -> {
          try {
            router.dispatch(request, response);
          } finally {
            stream.close();
          }
        });
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

  /** A half-close by the client (end of stdin on an attach): the answer goes on. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof io.netty.channel.socket.ChannelInputShutdownEvent && body != null) {
      body.abort();
    }
    ReferenceCountUtil.release(event);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (body != null) {
      body.abort();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
