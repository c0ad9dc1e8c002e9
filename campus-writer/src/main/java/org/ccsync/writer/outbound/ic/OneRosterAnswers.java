package org.ccsync.writer.outbound.ic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The parts of IC's answers the writer reads whole, as Jackson records (every other field ignored). */
final class OneRosterAnswers {

    private OneRosterAnswers() {
    }

    /** An OAuth2 token answer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Token(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Long expiresIn) {
    }

    /** A batch POST's answer: the sourcedId IC allocated to each supplied one. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BatchStored(List<SourcedIdPair> sourcedIdPairs) {

        /** Supplied sourcedId to allocated one ("" for a pair that leaves one out). */
        Map<String, String> allocated() {
            Map<String, String> pairs = new HashMap<>();
            for (SourcedIdPair pair : sourcedIdPairs == null ? List.<SourcedIdPair>of() : sourcedIdPairs) {
                pairs.put(Objects.toString(pair.suppliedSourcedId(), ""),
                        Objects.toString(pair.allocatedSourcedId(), ""));
            }
            return pairs;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record SourcedIdPair(String suppliedSourcedId, String allocatedSourcedId) {
    }

    /** A rostering class answer: {@code {"class": {...}}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ClassAnswer(@JsonProperty("class") RosterClass rosterClass) {

        /** The class (one without any field when IC left it out). */
        RosterClass found() {
            return rosterClass == null ? new RosterClass(null, null) : rosterClass;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record RosterClass(List<GuidRef> terms, GuidRef school) {

        /** Its terms' sourcedIds ("" for a term without one). */
        List<String> termIds() {
            return terms == null ? List.of() : terms.stream()
                    .map(term -> term == null || term.sourcedId() == null ? "" : term.sourcedId()).toList();
        }

        String schoolId() {
            return school == null ? null : school.sourcedId();
        }
    }

    /** A OneRoster GUIDRef, of which the writer needs the sourcedId. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GuidRef(String sourcedId) {
    }
}
