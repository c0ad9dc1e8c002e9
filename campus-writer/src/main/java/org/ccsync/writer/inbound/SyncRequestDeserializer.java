package org.ccsync.writer.inbound;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import org.ccsync.contracts.SyncRequest;

/** Reads the sealed {@link SyncRequest} by its {@code type} property. */
public class SyncRequestDeserializer extends ObjectMapperDeserializer<SyncRequest> {

    public SyncRequestDeserializer() {
        super(SyncRequest.class);
    }
}
