package org.ccsync.writer.outbound.ic;

import java.util.List;

/** The rostering facts of an IC class the writer needs: its school and its terms. */
public record IcClass(String sourcedId, String schoolSourcedId, List<String> termSourcedIds) {
}
