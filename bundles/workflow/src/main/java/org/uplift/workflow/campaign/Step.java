package org.uplift.workflow.campaign;

import java.util.List;

/** What a running campaign does next; {@link Progression} decides it. */
sealed interface Step {

    /** Start jobs for these devices of the current wave. */
    record Start(List<Slot> slots) implements Step {
    }

    /** The current wave has ended within the threshold: work on this wave now. */
    record NextWave(int wave) implements Step {
    }

    /** The current wave's failures passed the error threshold. */
    record Pause(String reason) implements Step {
    }

    /** The last wave has ended. */
    record Complete(String message) implements Step {
    }

    /** Nothing to do until jobs end. */
    record Wait() implements Step {
    }
}
