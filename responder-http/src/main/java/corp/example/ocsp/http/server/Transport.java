package corp.example.ocsp.http.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The native epoll transport when it loads (Linux), NIO otherwise.
 *
 * <p>The event loops' threads are the one kind the project does not make with {@link
 * corp.example.ocsp.core.concurrent.DaemonThreads}: Netty's {@link DefaultThreadFactory} makes
 * {@code FastThreadLocalThread}s, on which Netty's pooled allocator keeps its per-thread caches and
 * its {@code FastThreadLocal}s skip the JDK's hash lookup; a plain thread would work, slower on every
 * read and write. Core knows nothing of Netty, so the factory stays here, configured alike (daemon,
 * named after the listener).
 */
enum Transport {
    EPOLL,
    NIO;

    static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    EventLoopGroup group(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return this == EPOLL ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }
}
