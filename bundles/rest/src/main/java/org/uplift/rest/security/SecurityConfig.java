package org.uplift.rest.security;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** {@code etc/org.uplift.rest.security.cfg}: who may use the REST API and from which web pages. */
@ObjectClassDefinition(name = "Uplift REST security", description = "HTTP Basic logins against a Karaf JAAS realm, the Karaf roles or groups behind Uplift's roles, "
        + "and the web origins allowed to change state")
public @interface SecurityConfig {

    String PID = "org.uplift.rest.security";

    @AttributeDefinition(name = "JAAS realm", description = "The Karaf JAAS realm REST logins are checked against")
    String realm() default "karaf";

    @AttributeDefinition(name = "Viewer roles", description = "Karaf roles or groups whose users may read (comma-separated)")
    String[] viewerRoles() default {"viewer"};

    @AttributeDefinition(name = "Operator roles", description = "Karaf roles or groups whose users may also start, decide, pause, resume and cancel, and read backup contents")
    String[] operatorRoles() default {"operator"};

    @AttributeDefinition(name = "Admin roles", description = "Karaf roles or groups whose users may also change the firmware catalogue")
    String[] adminRoles() default {"admin"};

    @AttributeDefinition(name = "Allowed origins", required = false, description = "Web origins (scheme://host:port) besides the API's own whose pages may send state-changing requests")
    String[] allowedOrigins() default {};
}
