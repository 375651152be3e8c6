package org.appcluster.broadcast.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import org.appcluster.broadcast.entity.Envelope;

/** Converts envelopes to and from the JSON that travels through Redis. */
@ApplicationScoped
public class EnvelopeCodec {

    private final Jsonb jsonb = JsonbBuilder.create();

    public String encode(Envelope envelope) {
        return jsonb.toJson(envelope);
    }

    /**
     * @throws IllegalArgumentException when the text is not an envelope (another program sharing
     *                                  the Redis prefix, or a truncated message)
     */
    public Envelope decode(String json) {
        Envelope envelope;
        try {
            envelope = jsonb.fromJson(json, Envelope.class);
        } catch (JsonbException e) {
            throw new IllegalArgumentException("not a broadcast envelope: " + e.getMessage(), e);
        }
        if (envelope == null || envelope.id() == null || envelope.channel() == null || envelope.data() == null
                || envelope.instanceId() == null) {
            throw new IllegalArgumentException("not a broadcast envelope: id, channel, data and instanceId are required");
        }
        return envelope;
    }
}
