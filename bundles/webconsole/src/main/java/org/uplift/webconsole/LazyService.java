package org.uplift.webconsole;

import org.osgi.service.component.ComponentServiceObjects;

/**
 * A referenced service fetched on its first successful use and kept from then on: a service that is registered
 * but fails to activate (its database locked, say) is asked again on the next request instead of failing this
 * component for good; once it works, it is held as a static reference would hold it, so the provider's delayed
 * component is not activated and deactivated request by request. SCR releases it when this component goes.
 */
final class LazyService<S> {

    private final ComponentServiceObjects<S> objects;
    private S service;

    LazyService(ComponentServiceObjects<S> objects) {
        this.objects = objects;
    }

    /** The service, or {@code null} if it cannot be had now. */
    synchronized S get() {
        if (service == null) {
            try {
                service = objects.getService();
            } catch (IllegalStateException componentGone) {
                return null;
            }
        }
        return service;
    }
}
