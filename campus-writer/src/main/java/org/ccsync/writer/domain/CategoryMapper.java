package org.ccsync.writer.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ccsync.writer.outbound.ic.IcCategory;

/**
 * Chooses the IC category of a Canvas assignment group: an explicit mapping first, then a forgiving name match,
 * then the district's default; never a made-up category.
 */
public final class CategoryMapper {

    /** An explicit group-to-category mapping and where it came from, for the failure message. */
    public record Rule(String groupName, String categoryTitle, String source) {
    }

    /** The outcome of a mapping. */
    public sealed interface Decision permits Mapped, Unmapped {
    }

    /** The group maps onto this category of the class, by the named rule. */
    public record Mapped(IcCategory category, String rule) implements Decision {
    }

    /** No category fits; the message names the group and the class's categories. */
    public record Unmapped(String message) implements Decision {
    }

    private CategoryMapper() {
    }

    /**
     * Maps a group onto one of the class's categories.
     *
     * @param explicit the explicit rules, highest priority first (course override, district override, settings)
     */
    public static Decision map(String groupName, List<Rule> explicit, List<IcCategory> categories,
            Optional<String> defaultTitle, String classSourcedId) {
        String group = normalise(groupName);
        List<String> misses = new ArrayList<>();
        if (!group.isEmpty()) {
            for (Rule rule : explicit) {
                if (!normalise(rule.groupName()).equals(group)) {
                    continue;
                }
                Optional<IcCategory> target = byTitle(rule.categoryTitle(), categories);
                if (target.isPresent()) {
                    return new Mapped(target.get(), "explicit (" + rule.source() + ")");
                }
                misses.add("the " + rule.source() + " maps it to '" + rule.categoryTitle()
                        + "', which the class does not have");
            }
            Optional<IcCategory> byName = byTitle(groupName, categories);
            if (byName.isPresent()) {
                return new Mapped(byName.get(), "name match");
            }
        }
        if (defaultTitle.isPresent()) {
            Optional<IcCategory> fallback = byTitle(defaultTitle.get(), categories);
            if (fallback.isPresent()) {
                return new Mapped(fallback.get(), "district default");
            }
            misses.add("the district default '" + defaultTitle.get() + "' is not a category of the class");
        }
        String names = categories.isEmpty() ? "none"
                : categories.stream().map(IcCategory::title).collect(Collectors.joining(", "));
        String label = groupName == null || groupName.isBlank() ? "(no assignment group)" : "'" + groupName + "'";
        return new Unmapped("No Infinite Campus category for Canvas assignment group " + label + " in class "
                + classSourcedId + "; the class has categories: " + names + "."
                + (misses.isEmpty() ? "" : " Also " + String.join("; ", misses) + ".")
                + " Add a category mapping or a district default category.");
    }

    /** The best category for a title: an exact (case-insensitive) title first, then a normalised match. */
    static Optional<IcCategory> byTitle(String title, List<IcCategory> categories) {
        if (title == null) {
            return Optional.empty();
        }
        String trimmed = title.trim();
        Optional<IcCategory> exact = categories.stream()
                .filter(c -> c.title() != null && c.title().trim().equalsIgnoreCase(trimmed))
                .findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        String key = normalise(title);
        return key.isEmpty() ? Optional.empty()
                : categories.stream().filter(c -> normalise(c.title()).equals(key)).findFirst();
    }

    /** Lower case, accents, punctuation and whitespace dropped, each word made singular. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (String word : plain.split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                out.append(singular(word));
            }
        }
        return out.toString();
    }

    private static String singular(String word) {
        int n = word.length();
        if (n <= 3) {
            return word;
        }
        if (word.endsWith("ies")) {
            return word.substring(0, n - 3) + "y";
        }
        if (word.endsWith("zzes")) {
            return word.substring(0, n - 3);
        }
        if (word.endsWith("sses") || word.endsWith("xes") || word.endsWith("ches") || word.endsWith("shes")) {
            return word.substring(0, n - 2);
        }
        if (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) {
            return word;
        }
        return word.endsWith("s") ? word.substring(0, n - 1) : word;
    }
}
