package org.ccsync.eligibility.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.ccsync.eligibility.platform.EligibilityConfig.HiddenGrades;
import org.ccsync.eligibility.platform.EligibilityConfig.IneligibleAction;
import org.ccsync.testsupport.InfraTestResource;
import org.junit.jupiter.api.Test;

/** A district missing from the configuration gets every default; a configured one overrides only what it sets. */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, scope = TestResourceScope.GLOBAL)
class EligibilityConfigTest {

    @Inject
    EligibilityConfig config;

    @Test
    void unknownDistrictGetsTheDefaults() {
        EligibilityConfig.District district = config.district("not-configured-anywhere");
        assertThat(district.courseEnabled("any-course")).isTrue();
        assertThat(district.requireDueDate()).isTrue();
        assertThat(district.nameLengthLimit()).isEqualTo(30);
        assertThat(district.hiddenGrades()).as("only posted scores").isEqualTo(HiddenGrades.ONLY_POSTED);
        assertThat(district.extraCredit()).as("sent as is").isEqualTo(EligibilityConfig.ExtraCredit.SEND);
        assertThat(district.ineligibleAction()).as("keep in IC and say so").isEqualTo(IneligibleAction.KEEP);
        assertThat(district.pendingReview()).isEqualTo(EligibilityConfig.PendingReview.HOLD);
    }

    @Test
    void configuredDistrictsOverrideOnlyWhatTheySet() {
        assertThat(config.district("delete-district").ineligibleAction()).isEqualTo(IneligibleAction.DELETE);
        assertThat(config.district("delete-district").nameLengthLimit()).isEqualTo(30);
        assertThat(config.district("partial-district").pendingReview())
                .isEqualTo(EligibilityConfig.PendingReview.PARTIALLY_GRADED);
        assertThat(config.district("posted-only").hiddenGrades()).isEqualTo(HiddenGrades.ONLY_POSTED);
        assertThat(config.district("hidden-sync").hiddenGrades()).isEqualTo(HiddenGrades.SYNC);
        assertThat(config.district("capped").extraCredit()).isEqualTo(EligibilityConfig.ExtraCredit.CAP);
        assertThat(config.district("capped").hiddenGrades()).isEqualTo(HiddenGrades.ONLY_POSTED);
        assertThat(config.district("one-course").courseEnabled("enabled-course")).isTrue();
        assertThat(config.district("one-course").courseEnabled("other-course")).isFalse();
    }
}
