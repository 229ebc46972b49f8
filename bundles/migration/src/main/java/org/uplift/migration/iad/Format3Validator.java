package org.uplift.migration.iad;

import org.osgi.service.component.annotations.Component;
import org.uplift.api.migration.ConfigMigrator;
import org.uplift.api.migration.ConfigValidator;

/** Configuration format 3 of the IAD-1000 family. */
@Component(service = ConfigValidator.class, property = {
        ConfigMigrator.MODEL_PROPERTY + "=" + IadFormats.MODEL,
        ConfigValidator.FORMAT_PROPERTY + "=3"
})
public class Format3Validator extends FormatValidator {

    public Format3Validator() {
        super(FormatRules.V3);
    }
}
