package corp.example.ocsp.http.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * One client connection to the server's real pipeline ({@link OcspChannelInitializer}) on an
 * {@link EmbeddedChannel}, for fuzz tests: raw bytes in, the raw bytes the server wrote out.
 *
 * <p>Every buffer the pipeline allocates comes from a recording allocator, so {@link #close}
 * can check that each was released once the connection is gone. Work the endpoint hands to its
 * executor waits in {@link #executor} until {@link #runDeferred}, so answers complete out of
 * order as they do on a real server with signing threads.
 */
final class FuzzConnection implements AutoCloseable {
    private final RecordingAllocator allocator = new RecordingAllocator();
    private final List<ByteBuf> inbound = new ArrayList<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private final Deferred deferred;
    private final EmbeddedChannel channel;

    FuzzConnection(OcspChannelInitializer initializer, Deferred deferred) throws Exception {
        this.deferred = deferred;
        channel = new EmbeddedChannel(false, false, initializer);
        channel.config().setAllocator(allocator);
        channel.register();
    }

    /** Work handed to an executor, run only when the test says so (on the test's thread). */
    static final class Deferred implements Executor {
        private final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            for (Runnable task; (task = tasks.poll()) != null; ) {
                task.run();
            }
        }
    }

    /** Sends {@code bytes} as one read, unless the server has closed the connection. */
    void send(byte[] bytes) {
        if (!channel.isOpen() || bytes.length == 0) {
            return;
        }
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        inbound.add(buf);
        channel.writeInbound(buf); // throws what reached the end of the pipeline
        collect();
    }

    /** Lets the executor finish the answers it holds. */
    void runDeferred() {
        deferred.runAll();
        channel.runPendingTasks();
        channel.checkException();
        collect();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Everything the server wrote so far. */
    byte[] written() {
        collect();
        return written.toByteArray();
    }

    private void collect() {
        for (Object out; (out = channel.readOutbound()) != null; ) {
            assertThat(out).as("what the pipeline writes to the socket").isInstanceOf(ByteBuf.class);
            ByteBuf buf = (ByteBuf) out;
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            written.writeBytes(bytes);
            buf.release();
        }
    }

    /**
     * Finishes the executor's work, closes the connection as a client would, and checks that
     * nothing was thrown, nothing reached the end of the pipeline, and every buffer was released.
     */
    @Override
    public void close() {
        runDeferred();
        channel.close();
        channel.runPendingTasks();
        deferred.runAll(); // answers completing after the close must not leak either
        channel.checkException();
        collect();
        assertThat(channel.inboundMessages()).as("messages no handler consumed").isEmpty();
        channel.finishAndReleaseAll();
        for (ByteBuf buf : inbound) {
            assertThat(buf.refCnt())
                    .as("reference count of a buffer the client sent")
                    .isZero();
        }
        for (ByteBuf buf : allocator.allocated) {
            assertThat(buf.refCnt())
                    .as("reference count of a buffer the pipeline allocated")
                    .isZero();
        }
    }

    /** Unpooled buffers, each remembered. */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {
        final List<ByteBuf> allocated = new ArrayList<>();

        RecordingAllocator() {
            super(false);
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            return remember(new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity));
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return remember(new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity));
        }

        @Override
        public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
            return remember(super.compositeHeapBuffer(maxNumComponents));
        }

        @Override
        public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
            return remember(super.compositeDirectBuffer(maxNumComponents));
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        private <B extends ByteBuf> B remember(B buf) {
            allocated.add(buf);
            return buf;
        }
    }
}
