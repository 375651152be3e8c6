package org.appcluster.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.HdrHistogram.Recorder;

/**
 * The load generator's browser sockets: tens of thousands of real WebSocket clients on a few
 * Netty event-loop threads, speaking the target's {@link ClientProtocol}. Each broadcast frame's publish time
 * ({@code "t"}, this process's {@link System#nanoTime()}) gives the end-to-end latency.
 * Connections come from several loopback source addresses so their ports do not run out.
 */
final class BenchSockets implements AutoCloseable {

    /** How a to-do title carries its send time, where a message's data cannot have a "t" field. */
    static final String TITLE_TIME = "bench-t=";
    private static final int SOURCE_ADDRESSES = 8;
    private static final int CONNECTS_IN_FLIGHT = 200;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final List<Socket> sockets = new ArrayList<>();
    private final AtomicInteger sourceIndex = new AtomicInteger();
    final Recorder latencyMicros = new Recorder(3);
    final LongAdder received = new LongAdder();
    final LongAdder closedByServer = new LongAdder();
    /** Why subscribed sockets closed: the server's close frame, an error this side, or neither. */
    private final Map<String, LongAdder> closeCauses = new ConcurrentHashMap<>();
    /** Frames telling a socket it missed messages: a loss the page hears about, not a silent one. */
    final LongAdder missedSignals = new LongAdder();

    /** Opens {@code count} sockets to {@code socketUri}, each subscribed to {@code channelOf(i)} (or none when null). */
    List<Socket> open(URI socketUri, ClientProtocol protocol, int count, java.util.function.IntFunction<String> channelOf) {
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        List<CompletableFuture<Socket>> ready = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inFlight.acquireUninterruptibly();
            CompletableFuture<Socket> socket = connect(socketUri, protocol, channelOf == null ? null : channelOf.apply(i));
            socket.whenComplete((s, e) -> inFlight.release());
            ready.add(socket);
        }
        List<Socket> opened = new ArrayList<>();
        for (CompletableFuture<Socket> socket : ready) {
            opened.add(socket.orTimeout(60, TimeUnit.SECONDS).join());
        }
        synchronized (sockets) {
            sockets.addAll(opened);
        }
        return opened;
    }

    void closeAll(List<Socket> some) {
        some.forEach(socket -> socket.connection().close());
        some.forEach(socket -> socket.connection().closeFuture().awaitUninterruptibly(5, TimeUnit.SECONDS));
        synchronized (sockets) {
            sockets.removeAll(some);
        }
    }

    /** How many subscribed sockets closed for each cause so far, e.g. {@code {close frame 1001 Going away=1000}}. */
    Map<String, Long> closeCauses() {
        Map<String, Long> counts = new TreeMap<>();
        closeCauses.forEach((cause, count) -> counts.put(cause, count.sum()));
        return counts;
    }

    @Override
    public void close() {
        synchronized (sockets) {
            closeAll(new ArrayList<>(sockets));
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private CompletableFuture<Socket> connect(URI socketUri, ClientProtocol protocol, String channel) {
        Socket socket = new Socket(protocol, channel);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(socketUri).maxFramePayloadLength(1 << 20).handshakeTimeoutMillis(60_000).build();
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16),
                                socket.closeFrames, new WebSocketClientProtocolHandler(config), socket);
                    }
                });
        InetSocketAddress source = new InetSocketAddress("127.0.0." + (2 + sourceIndex.getAndIncrement() % SOURCE_ADDRESSES), 0);
        bootstrap.connect(new InetSocketAddress(socketUri.getHost(), socketUri.getPort()), source).addListener(future -> {
            if (!future.isSuccess()) {
                socket.ready.completeExceptionally(future.cause());
            }
        });
        return socket.ready;
    }

    /** One client: subscribes as its protocol says, then counts and times broadcasts. */
    final class Socket extends SimpleChannelInboundHandler<TextWebSocketFrame> {

        private final ClientProtocol protocol;
        private final String subscribeTo;
        final CompletableFuture<Socket> ready = new CompletableFuture<>();
        final LongAdder broadcasts = new LongAdder();
        private volatile Channel connection;
        private volatile String closeCause;
        /** Sees the server's close frame before the protocol handler answers it and closes. */
        final ChannelInboundHandlerAdapter closeFrames = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object message) {
                if (message instanceof CloseWebSocketFrame close) {
                    closeCause = "close frame " + close.statusCode() + " " + close.reasonText();
                }
                ctx.fireChannelRead(message);
            }
        };
        /** Made once, not per frame: the protocol's replies to the server. */
        private final Consumer<String> send = reply -> connection.writeAndFlush(new TextWebSocketFrame(reply));

        Socket(ClientProtocol protocol, String subscribeTo) {
            this.protocol = protocol;
            this.subscribeTo = subscribeTo;
        }

        Channel connection() {
            return connection;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            connection = ctx.channel();
            super.channelActive(ctx);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String text = frame.text();
            ClientProtocol.Frame read = protocol.read(text, subscribeTo, send);
            if (read == ClientProtocol.Frame.BROADCAST) {
                long sentAt = numberAfter(text, "\"t\":");
                if (sentAt == Long.MIN_VALUE) {
                    sentAt = numberAfter(text, TITLE_TIME);
                }
                if (sentAt != Long.MIN_VALUE) {
                    latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
                }
                broadcasts.increment();
                received.increment();
            } else if (read == ClientProtocol.Frame.READY) {
                ready.complete(this);
            } else if (read == ClientProtocol.Frame.MISSED_SIGNAL) {
                missedSignals.increment();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (ready.isDone() && !ready.isCompletedExceptionally()) {
                closedByServer.increment();
                String cause = closeCause == null ? "connection closed without a close frame" : closeCause;
                closeCauses.computeIfAbsent(cause, c -> new LongAdder()).increment();
            }
            ready.completeExceptionally(new IllegalStateException("closed before subscribing"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (closeCause == null) {
                closeCause = "error here: " + cause;
            }
            ready.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** The integer after {@code key} in {@code text}, without parsing the JSON around it. */
    static long numberAfter(String text, String key) {
        int at = text.indexOf(key);
        if (at < 0) {
            return Long.MIN_VALUE;
        }
        int i = at + key.length();
        boolean negative = i < text.length() && text.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        int start = i;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            value = value * 10 + (text.charAt(i++) - '0');
        }
        return i == start ? Long.MIN_VALUE : negative ? -value : value;
    }
}
