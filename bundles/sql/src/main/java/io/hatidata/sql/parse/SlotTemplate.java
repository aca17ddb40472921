package io.hatidata.sql.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An output text cut at the places where a statement's free literals ({@link LiteralShape}) come out:
 * {@code parts.size() == slots.length + 1}, and slot {@code i} takes the text of literal {@code slots[i]}.
 * Built from the output for the shape's {@link LiteralShape.Probe sentinel statement}, where each sentinel
 * must occur exactly once, and kept only when filling it with the real literals reproduces the real
 * output exactly ({@link #proven}).
 */
public record SlotTemplate(List<String> parts, int[] slots) {

    /**
     * The template cut from {@code probeOutput}, or {@code null} when a sentinel does not occur exactly once
     * or the template filled with the real literals is not exactly {@code realOutput}.
     */
    public static SlotTemplate proven(LiteralShape.Probe probe, String probeOutput, LiteralShape real,
            String realOutput) {
        SlotTemplate template = cut(probeOutput, probe.sentinels());
        return template != null && template.fill(real.literals()).equals(realOutput) ? template : null;
    }

    /** Cuts the output at each sentinel, which must occur exactly once; {@code null} otherwise. */
    static SlotTemplate cut(String output, List<String> sentinels) {
        Map<Integer, Integer> slotAt = new TreeMap<>();
        for (int i = 0; i < sentinels.size(); i++) {
            int at = output.indexOf(sentinels.get(i));
            if (at < 0 || output.indexOf(sentinels.get(i), at + 1) >= 0) {
                return null;
            }
            slotAt.put(at, i);
        }
        List<String> parts = new ArrayList<>();
        int[] slots = new int[sentinels.size()];
        int from = 0;
        int n = 0;
        for (Map.Entry<Integer, Integer> each : slotAt.entrySet()) {
            if (each.getKey() < from) {
                return null; // sentinels overlap
            }
            parts.add(output.substring(from, each.getKey()));
            slots[n++] = each.getValue();
            from = each.getKey() + sentinels.get(each.getValue()).length();
        }
        parts.add(output.substring(from));
        return new SlotTemplate(List.copyOf(parts), slots);
    }

    /** The output for a statement of the shape with these free literals. */
    public String fill(List<Token> literals) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < slots.length; i++) {
            result.append(parts.get(i)).append(literals.get(slots[i]).text());
        }
        return result.append(parts.get(parts.size() - 1)).toString();
    }
}
