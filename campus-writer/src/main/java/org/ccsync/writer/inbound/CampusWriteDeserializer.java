package org.ccsync.writer.inbound;

import io.quarkus.kafka.client.serialization.ObjectMapperDeserializer;
import org.ccsync.contracts.CampusWrite;

/** Reads the sealed {@link CampusWrite} command by its {@code type} property. */
public class CampusWriteDeserializer extends ObjectMapperDeserializer<CampusWrite> {

    public CampusWriteDeserializer() {
        super(CampusWrite.class);
    }
}
