package org.ccsync.writer.outbound.ic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Parsing of imsx error bodies, plain and wrapped. */
class ImsxErrorTest {

    @Test
    void readsThePlainImsxBody() {
        ImsxError error = ImsxError.parse("""
                {"imsx_codeMajor": "failure", "imsx_severity": "error",
                 "imsx_description": "Due date is outside the grading period",
                 "imsx_CodeMinor": {"imsx_codeMinorField": [
                   {"imsx_codeMinorFieldName": "TargetEndSystem", "imsx_codeMinorFieldValue": "invaliddata"}]}}
                """);

        assertThat(error.describe()).contains("Due date is outside the grading period");
        assertThat(error.code()).contains("invaliddata");
    }

    @Test
    void readsAStatusInfoSetWrapper() {
        ImsxError error = ImsxError.parse("""
                {"statusInfoSet": [{"imsx_codeMajor": "failure", "imsx_description": "No such lineItem",
                 "imsx_CodeMinor": {"imsx_codeMinorField": {"imsx_codeMinorFieldValue": "unknownobject"}}}]}
                """);

        assertThat(error.describe()).contains("No such lineItem");
        assertThat(error.code()).contains("unknownobject");
    }

    @Test
    void toleratesBodiesWithoutImsx() {
        assertThat(ImsxError.parse("<html>Bad gateway</html>").describe()).isEmpty();
        assertThat(ImsxError.parse("").code()).isEmpty();
        assertThat(ImsxError.parse("{\"imsx_codeMajor\":\"failure\"}").describe()).isEmpty();
    }
}
