package io.wharf.daemon.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
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
 * The Engine API's listeners: Unix-domain sockets (the JDK's, through Netty's NIO transport:
 * no native library to load) and loopback TCP. One small event loop group does the I/O; every
 * request runs on a virtual thread of its own. Thread-safe.
 */
public final class ApiServer implements AutoCloseable {
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Router router;
  private final List<Channel> listeners = new ArrayList<>();

  public ApiServer(Router router) {
    this.router = router;
  }

  /** Listens on a Unix-domain socket at {@code address} (its file must not exist). */
  public void listen(UnixDomainSocketAddress address) throws IOException {
    bind(NioServerDomainSocketChannel.class, address);
  }

  /** Listens on a TCP address. */
  public void listen(InetSocketAddress address) throws IOException {
    bind(NioServerSocketChannel.class, address);
  }

  private void bind(Class<? extends io.netty.channel.ServerChannel> type, SocketAddress address) throws IOException {
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(group)
        .channel(type)
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
