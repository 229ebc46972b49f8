package org.uplift.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.ComponentServiceObjects;

class LazyServiceTest {

    /** Hands out what it is given, in order ({@code null}: the provider failed to activate); counts the asks. */
    private static final class Provider implements ComponentServiceObjects<String> {
        final Deque<Object> answers;
        int asked;

        Provider(Object... answers) {
            this.answers = new ArrayDeque<>(List.of(answers));
        }

        @Override
        public String getService() {
            asked++;
            Object next = answers.isEmpty() ? "unexpected" : answers.pop();
            if (next instanceof IllegalStateException e) {
                throw e;
            }
            return next == NULL ? null : (String) next;
        }

        @Override
        public void ungetService(String service) {
            throw new AssertionError("the page keeps what it got");
        }

        @Override
        public ServiceReference<String> getServiceReference() {
            return null;
        }
    }

    private static final Object NULL = new Object();

    @Test
    void givenAProviderThatFailsFirst_whenAskedAgain_thenItIsTriedAgainAndThenKept() {
        Provider provider = new Provider(NULL, NULL, "engine");
        LazyService<String> lazy = new LazyService<>(provider);
        assertNull(lazy.get());
        assertNull(lazy.get());
        assertEquals("engine", lazy.get());
        assertSame(lazy.get(), lazy.get());
        assertEquals(3, provider.asked, "not asked again once it worked");
    }

    @Test
    void givenAComponentBeingDeactivated_whenAsked_thenNullNotAnException() {
        LazyService<String> lazy = new LazyService<>(new Provider(new IllegalStateException("deactivated")));
        assertNull(lazy.get());
    }
}
