package org.uplift.simulator.osgi;

import java.io.IOException;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Fleet;
import org.uplift.simulator.FleetSettings;
import org.uplift.simulator.SimulatorFleet;

/** Runs a simulated fleet while configuration {@code org.uplift.simulator} exists. */
@Component(service = {}, configurationPid = SimulatorComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = SimulatorComponent.Config.class)
public final class SimulatorComponent {

    static final String PID = "org.uplift.simulator";

    @ObjectClassDefinition(name = "Uplift simulator", description = "A fleet of simulated IADs speaking "
            + "UPLIFT-IAD-MIB on 127.0.0.1 (SNMP v2c communities public and private); for tests and demos only")
    public @interface Config {

        @AttributeDefinition(name = "Devices", description = "How many devices to simulate", min = "1")
        int devices() default 10;

        @AttributeDefinition(name = "Base port", description = "UDP port of the first device; "
                + "the others follow (base .. base + devices - 1) on 127.0.0.1", min = "1", max = "65535")
        int basePort() default FleetSettings.DEFAULT_BASE_PORT;

        @AttributeDefinition(name = "Model", description = "Model every device reports")
        String model() default DeviceSettings.DEFAULT_MODEL;

        @AttributeDefinition(name = "Version", description = "Software version every device runs at start")
        String version() default DeviceSettings.DEFAULT_VERSION;

        @AttributeDefinition(name = "Reboot seconds", description = "How long a device stays silent when it "
                + "reboots after a software download or roll-back", min = "0")
        int rebootSeconds() default 3;

        @AttributeDefinition(name = "Faults", description = "Injected failures as INDEX=KIND, e.g. "
                + "3=download-fail", required = false)
        String[] faults() default {};
    }

    private final Fleet fleet;
    private final ServiceRegistration<SimulatorFleet> registration;

    @Activate
    public SimulatorComponent(Config config, BundleContext context) throws IOException {
        FleetSettings settings = new FleetSettings(config.devices(), config.basePort(), config.model(),
                config.version(), config.rebootSeconds(), FleetSettings.parseFaults(Arrays.asList(config.faults())));
        this.fleet = Fleet.start(settings);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("uplift.simulator.devices", config.devices());
        properties.put("uplift.simulator.basePort", config.basePort());
        this.registration = context.registerService(SimulatorFleet.class, fleet, properties);
    }

    @Deactivate
    void deactivate() {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework unregistered it while stopping the bundle
        }
        fleet.close();
    }
}
