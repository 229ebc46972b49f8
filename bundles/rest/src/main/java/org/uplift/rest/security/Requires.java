package org.uplift.rest.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The least role a resource method needs. Every resource method of the API carries one ({@link RoleFeature} refuses a
 * method without it), so a new endpoint cannot be open by omission.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {
    Role value();
}
