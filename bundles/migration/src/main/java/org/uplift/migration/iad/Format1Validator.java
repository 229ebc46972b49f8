package org.uplift.migration.iad;

import org.osgi.service.component.annotations.Component;
import org.uplift.api.migration.ConfigMigrator;
import org.uplift.api.migration.ConfigValidator;

/** Configuration format 1 of the IAD-1000 family. */
@Component(service = ConfigValidator.class, property = {
        ConfigMigrator.MODEL_PROPERTY + "=" + IadFormats.MODEL,
        ConfigValidator.FORMAT_PROPERTY + "=1"
})
public class Format1Validator extends FormatValidator {

    public Format1Validator() {
        super(FormatRules.V1);
    }
}
