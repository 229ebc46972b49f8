package org.uplift.workflow.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/design.md draws the state machine that {@link Transitions} enforces, not an older one. */
class DesignDocumentTest {

    /** Surefire runs in the module's directory, bundles/workflow. */
    private static final Path DESIGN = Path.of("../../docs/design.md");

    @Test
    void givenTheTransitionsTable_whenTheDesignDocumentIsRead_thenItsStateDiagramIsTheTablesDiagram() throws Exception {
        assertTrue(Files.isRegularFile(DESIGN), DESIGN.toAbsolutePath().normalize() + " is missing; its state diagram "
                + "is:\n" + pasteable());
        String document = Files.readString(DESIGN).replace("\r\n", "\n");
        int begin = document.indexOf(StateDiagram.BEGIN);
        int end = document.indexOf(StateDiagram.END);
        assertTrue(begin >= 0 && end > begin, "docs/design.md lacks the state diagram's markers; put this there:\n"
                + pasteable());
        String drawn = document.substring(begin + StateDiagram.BEGIN.length() + 1, end);
        assertEquals(StateDiagram.mermaid(), drawn, "docs/design.md's state diagram differs from Transitions; "
                + "replace it (markers included) with:\n" + pasteable());
    }

    private static String pasteable() {
        return StateDiagram.BEGIN + "\n" + StateDiagram.mermaid() + StateDiagram.END + "\n";
    }
}
