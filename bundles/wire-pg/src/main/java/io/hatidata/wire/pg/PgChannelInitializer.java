package io.hatidata.wire.pg;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;

/**
 * Sets up each accepted connection: tracks it in the server's channel group (so deactivation closes it)
 * and builds its pipeline:
 *
 * <pre>
 *   {@value #FRAME_DECODER} (PgFrameDecoder) → {@value #CONNECTION_HANDLER} (PgConnectionHandler)
 * </pre>
 *
 * <p>After an accepted SSLRequest, {@link EncryptionRequestHandler} puts
 * {@value EncryptionRequestHandler#TLS_HANDLER} (Netty's {@code SslHandler}) in front of the decoder.
 */
final class PgChannelInitializer extends ChannelInitializer<Channel> {
    /** Name of the framing decoder in the channel pipeline; a TLS handler is added before it. */
    static final String FRAME_DECODER = "pg-frame-decoder";
    /** Name of the dispatcher in the channel pipeline. */
    static final String CONNECTION_HANDLER = "pg-connection";

    private final PgServerContext server;
    private final ChannelGroup channels;

    PgChannelInitializer(PgServerContext server, ChannelGroup channels) {
        this.server = server;
        this.channels = channels;
    }

    @Override
    protected void initChannel(Channel channel) {
        channels.add(channel);
        configure(channel.pipeline(), server);
    }

    /** Adds the protocol handlers with the current limits; tests use it on an {@code EmbeddedChannel}. */
    static void configure(ChannelPipeline pipeline, PgServerContext server) {
        PgSettings settings = server.settings();
        pipeline.addLast(FRAME_DECODER, new PgFrameDecoder(settings.maxStartupPacketBytes(), settings.maxMessageBytes()));
        pipeline.addLast(CONNECTION_HANDLER, new PgConnectionHandler(server));
    }
}
