package corp.example.ocsp.http.server;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The best transport that loads: io_uring (Linux 5.x and later, where the kernel allows it), else
 * epoll (Linux), else NIO. {@code -Dio.netty.transport.noNative=true} turns both native ones off.
 * io_uring submits a connection's accept, reads, writes and close as queued operations instead of
 * a system call each: measured against epoll on the same Netty 4.2 (README, "The hot path").
 *
 * <p>The event loops' threads are the one kind the project does not make with {@link
 * corp.example.ocsp.core.concurrent.DaemonThreads}: Netty's {@link DefaultThreadFactory} makes
 * {@code FastThreadLocalThread}s, on which Netty's pooled allocator keeps its per-thread caches and
 * its {@code FastThreadLocal}s skip the JDK's hash lookup; a plain thread would work, slower on every
 * read and write. Core knows nothing of Netty, so the factory stays here, configured alike (daemon,
 * named after the listener).
 */
enum Transport {
    IO_URING,
    EPOLL,
    NIO;

    static Transport best() {
        return IoUring.isAvailable() ? IO_URING : Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** True when each event loop binds the port itself with SO_REUSEPORT (the native transports). */
    boolean reusesPort() {
        return this != NIO;
    }

    /** The SO_REUSEPORT option of a native transport. */
    ChannelOption<Boolean> reusePort() {
        return this == IO_URING ? IoUringChannelOption.SO_REUSEPORT : EpollChannelOption.SO_REUSEPORT;
    }

    EventLoopGroup group(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        IoHandlerFactory handler = switch (this) {
            case IO_URING -> IoUringIoHandler.newFactory();
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
        return new MultiThreadIoEventLoopGroup(threads, factory, handler);
    }

    Class<? extends ServerChannel> serverChannel() {
        return switch (this) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }
}
