package io.wharf.daemon.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpServerCodec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The Engine API's listeners: Unix-domain sockets and loopback TCP, on Netty's epoll
 * transport (its NIO transport cannot half-close a Unix socket, and the docker CLI half-closes
 * every attach connection once stdin is done). One small event loop group does the I/O; every
 * request runs on a virtual thread of its own. Thread-safe.
 */
public final class ApiServer implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, EpollIoHandler.newFactory());
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Router router;
  private final List<Channel> listeners = new ArrayList<>();

  public ApiServer(Router router) {
    this.router = router;
  }

  /** Listens on a Unix-domain socket at {@code address} (its file must not exist). */
  public void listen(UnixDomainSocketAddress address) throws IOException {
    bind(EpollServerDomainSocketChannel.class, new DomainSocketAddress(address.getPath().toString()));
  }

  /** Listens on a TCP address. */
  public void listen(InetSocketAddress address) throws IOException {
    bind(EpollServerSocketChannel.class, address);
  }

  private void bind(Class<? extends io.netty.channel.ServerChannel> type, SocketAddress address) throws IOException {
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(type)
        // the docker CLI half-closes an attach connection once stdin is done: keep writing to it
        .childOption(io.netty.channel.ChannelOption.ALLOW_HALF_CLOSURE, true)
        // a streamed answer (logs, save, archive) waits for the socket only past 1 MiB queued:
        // at Netty's 64 KiB every 64 KiB chunk made the writer and the event loop take turns
        .childOption(io.netty.channel.ChannelOption.WRITE_BUFFER_WATER_MARK,
            new io.netty.channel.WriteBufferWaterMark(512 * 1024, 1024 * 1024))
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel channel) {
            channel.pipeline().addLast(new HttpServerCodec(), new HttpChannelHandler(router, workers));
          }
        });
    try {
      listeners.add(bootstrap.bind(address).sync().channel());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while binding " + address, e);
    } catch (Exception e) {
      throw new IOException("cannot listen on " + address + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    for (Channel listener : listeners) {
      listener.close().syncUninterruptibly();
    }
    group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    workers.shutdownNow();
  }
}
