package org.uplift.repository.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Builds a component's {@code Config} annotation the way DS would: given values, else the defaults. */
public final class Configs {

    private Configs() {
    }

    public static <A> A of(Class<A> type, Map<String, ?> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            String name = method.getName();
            if (values.containsKey(name)) {
                return values.get(name);
            }
            switch (name) {
                case "annotationType" :
                    return type;
                case "toString" :
                    return type.getSimpleName() + values;
                case "hashCode" :
                    return values.hashCode();
                case "equals" :
                    return self == args[0];
                default :
                    return method.getDefaultValue();
            }
        });
        return type.cast(proxy);
    }
}
