package org.ccsync.writer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ccsync.writer.outbound.ic.IcCategory;

/** Category mapping rules: explicit, name match, default, and the failure message. */
class CategoryMapperTest {

    private static final List<IcCategory> CATEGORIES = List.of(
            new IcCategory("c-hw", "Homework"),
            new IcCategory("c-quiz", "Quizzes"),
            new IcCategory("c-test", "Tests & Exams"),
            new IcCategory("c-act", "Class Activities"),
            new IcCategory("c-lab", "Science Labs"));

    private static CategoryMapper.Decision map(String group, List<CategoryMapper.Rule> rules,
            Optional<String> fallback) {
        return CategoryMapper.map(group, rules, CATEGORIES, fallback, "CLS-1");
    }

    private static IcCategory mapped(CategoryMapper.Decision decision) {
        assertThat(decision).isInstanceOf(CategoryMapper.Mapped.class);
        return ((CategoryMapper.Mapped) decision).category();
    }

    @Test
    void theFirstExplicitRuleWinsOverLowerOnesAndOverANameMatch() {
        List<CategoryMapper.Rule> rules = List.of(
                new CategoryMapper.Rule("Homework", "Science Labs", "course override"),
                new CategoryMapper.Rule("homework", "Quizzes", "district override"));

        CategoryMapper.Decision decision = map("Homework", rules, Optional.empty());

        assertThat(mapped(decision).sourcedId()).isEqualTo("c-lab");
        assertThat(((CategoryMapper.Mapped) decision).rule()).contains("course override");
    }

    @Test
    void anExplicitRuleToAMissingCategoryFallsThroughAndIsNamedInTheFailure() {
        List<CategoryMapper.Rule> rules = List.of(new CategoryMapper.Rule("Labs", "Lab Work", "district settings"));

        assertThat(mapped(map("Labs", rules, Optional.of("Homework"))).sourcedId()).isEqualTo("c-hw");
        CategoryMapper.Decision none = map("Labs", rules, Optional.empty());
        assertThat(none).isInstanceOf(CategoryMapper.Unmapped.class);
        assertThat(((CategoryMapper.Unmapped) none).message()).contains("'Lab Work'").contains("district settings");
    }

    @Test
    void namesMatchAcrossCasePunctuationWhitespaceAndPlurals() {
        assertThat(mapped(map("Quiz", List.of(), Optional.empty())).sourcedId()).isEqualTo("c-quiz");
        assertThat(mapped(map("  HOMEWORK ", List.of(), Optional.empty())).sourcedId()).isEqualTo("c-hw");
        assertThat(mapped(map("Test/Exam", List.of(), Optional.empty())).sourcedId()).isEqualTo("c-test");
        assertThat(mapped(map("class activity", List.of(), Optional.empty())).sourcedId()).isEqualTo("c-act");
        assertThat(mapped(map("Science-Lab", List.of(), Optional.empty())).sourcedId()).isEqualTo("c-lab");
    }

    @Test
    void anUnknownGroupTakesTheDefaultCategory() {
        CategoryMapper.Decision decision = map("Extra Credit", List.of(), Optional.of("homework"));

        assertThat(mapped(decision).sourcedId()).isEqualTo("c-hw");
        assertThat(((CategoryMapper.Mapped) decision).rule()).isEqualTo("district default");
    }

    @Test
    void withoutAnyMatchTheFailureNamesTheGroupAndTheClassCategories() {
        CategoryMapper.Decision decision = map("Extra Credit", List.of(), Optional.of("Uncategorized"));

        assertThat(decision).isInstanceOf(CategoryMapper.Unmapped.class);
        assertThat(((CategoryMapper.Unmapped) decision).message())
                .contains("'Extra Credit'")
                .contains("CLS-1")
                .contains("Homework, Quizzes, Tests & Exams, Class Activities, Science Labs")
                .contains("'Uncategorized' is not a category of the class");
    }

    @Test
    void aMissingGroupUsesOnlyTheDefault() {
        assertThat(map(null, List.of(new CategoryMapper.Rule("", "Quizzes", "course override")), Optional.empty()))
                .isInstanceOf(CategoryMapper.Unmapped.class);
        assertThat(mapped(map(null, List.of(), Optional.of("Quizzes"))).sourcedId()).isEqualTo("c-quiz");
    }

    @Test
    void normalisingKeepsDifferentWordsApart() {
        assertThat(CategoryMapper.normalise("Quizzes")).isEqualTo(CategoryMapper.normalise("quiz"));
        assertThat(CategoryMapper.normalise("Classes")).isEqualTo("class");
        assertThat(CategoryMapper.normalise("Activities")).isEqualTo("activity");
        assertThat(CategoryMapper.normalise("Bonus")).isEqualTo("bonus");
        assertThat(CategoryMapper.normalise("Labs")).isNotEqualTo(CategoryMapper.normalise("Science Labs"));
        assertThat(CategoryMapper.normalise("Exámenes")).isEqualTo("examene");
    }
}
