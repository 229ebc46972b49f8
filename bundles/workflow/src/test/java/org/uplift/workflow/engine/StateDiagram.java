package org.uplift.workflow.engine;

import java.util.StringJoiner;

import org.uplift.api.workflow.JobState;

/**
 * The workflow's state diagram as Mermaid ({@code stateDiagram-v2}), drawn from {@link Transitions}: one arrow per
 * allowed move, states in {@link JobState} order, a job starts in PENDING and ends in a terminal state.
 * docs/design.md holds a copy that {@link DesignDocumentTest} compares with it; {@link #main} prints the block to
 * paste there after the table changed.
 */
final class StateDiagram {

    static final String BEGIN = "<!-- BEGIN state diagram: generated from Transitions by StateDiagram, "
            + "checked by DesignDocumentTest -->";
    static final String END = "<!-- END state diagram -->";

    private StateDiagram() {
    }

    /** The Mermaid block with its fences, as it stands between {@link #BEGIN} and {@link #END}. */
    static String mermaid() {
        StringJoiner lines = new StringJoiner("\n", "", "\n");
        lines.add("```mermaid");
        lines.add("stateDiagram-v2");
        lines.add("    [*] --> " + JobState.PENDING);
        for (JobState from : JobState.values()) {
            for (JobState to : JobState.values()) {
                if (Transitions.allowed(from, to)) {
                    lines.add("    " + from + " --> " + to);
                }
            }
            if (from.terminal()) {
                lines.add("    " + from + " --> [*]");
            }
        }
        lines.add("```");
        return lines.toString();
    }

    /** Prints the diagram with its markers, ready to replace the one in docs/design.md. */
    public static void main(String[] args) {
        System.out.print(BEGIN + "\n" + mermaid() + END + "\n");
    }
}
