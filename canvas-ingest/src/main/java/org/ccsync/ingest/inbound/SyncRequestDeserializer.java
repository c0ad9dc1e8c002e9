package org.ccsync.ingest.inbound;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import org.ccsync.contracts.SyncRequest;

/** Reads the sealed {@link SyncRequest} from sync-requests; its subtype comes from the JSON {@code type}. */
public class SyncRequestDeserializer extends ObjectMapperDeserializer<SyncRequest> {

    public SyncRequestDeserializer() {
        super(SyncRequest.class);
    }
}
