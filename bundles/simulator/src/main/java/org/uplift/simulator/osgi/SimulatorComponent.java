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
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.uplift.simulator.DeviceSettings;
import org.uplift.simulator.Fleet;
import org.uplift.simulator.FleetSettings;
import org.uplift.simulator.NotificationTarget;
import org.uplift.simulator.Personality;
import org.uplift.simulator.SimulatorFleet;
import org.uplift.simulator.V3User;

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
                + "the others follow (base .. base + devices - 1) on the host address", min = "1", max = "65535")
        int basePort() default FleetSettings.DEFAULT_BASE_PORT;

        @AttributeDefinition(name = "Host", description = "The address every device's SNMP agent binds and its "
                + "transfers come from, IPv4 or IPv6 (e.g. ::1); not with an address per device")
        String host() default DeviceSettings.DEFAULT_HOST;

        @AttributeDefinition(name = "Model", description = "Model every device reports")
        String model() default DeviceSettings.DEFAULT_MODEL;

        @AttributeDefinition(name = "Version", description = "Software version every device runs at start")
        String version() default DeviceSettings.DEFAULT_VERSION;

        @AttributeDefinition(name = "Reboot seconds", description = "How long a device stays silent when it "
                + "reboots after a software download or roll-back", min = "0")
        int rebootSeconds() default 3;

        @AttributeDefinition(name = "Faults", description = "Injected failures as INDEX=KIND[:ARG], e.g. "
                + "3=download-fail:noMemory; kinds: " + "backup-fail, backup-hang, download-fail[:FAILCAUSE], "
                + "corrupt-image, load-fail, no-return, reject-config, restore-fail[:N], "
                + "silent-during:backup|restore|download|rollback, silent. Change them at run time with "
                + "uplift-sim:fault", required = false)
        String[] faults() default {};

        @AttributeDefinition(name = "Configuration format", description = "Configuration format of the software "
                + "every device runs at start (1, 2 and 3 differ)")
        String configFormat() default DeviceSettings.DEFAULT_CONFIG_FORMAT;

        @AttributeDefinition(name = "Configuration size (bytes)", description = "Pad every device's configuration "
                + "at start to at least this size with a dial plan (0: unpadded, about 300 bytes)", min = "0", max = "8388608")
        int configBytes() default 0;

        @AttributeDefinition(name = "Address per device", description = "Each device on basePort of its own "
                + "address 127.0.x.y (device 1 on 127.0.0.2, ...) instead of consecutive ports of 127.0.0.1")
        boolean addressPerDevice() default false;

        @AttributeDefinition(name = "MIBs", description = "MIBs every device speaks, comma-separated: "
                + "uplift-iad, cisco-config-copy, docsis")
        String mibs() default "uplift-iad";

        @AttributeDefinition(name = "TFTP port for Cisco and DOCSIS copies", description = "The file server's "
                + "TFTP port for copies commanded through cisco-config-copy or docsis: those MIBs cannot name a "
                + "port, so real devices use 69", min = "1", max = "65535")
        int tftpPort() default DeviceSettings.WELL_KNOWN_TFTP_PORT;

        @AttributeDefinition(name = "HTTP port for DOCSIS downloads", description = "The file server's HTTP port "
                + "for downloads commanded through docsis with transport http: the MIB cannot name a port, so real "
                + "modems use 80", min = "1", max = "65535")
        int httpPort() default DeviceSettings.WELL_KNOWN_HTTP_PORT;

        @AttributeDefinition(name = "FTP port for Cisco copies", description = "The file server's FTP port for "
                + "copies commanded through cisco-config-copy with protocol ftp: the MIB cannot name a port, so real "
                + "devices use 21", min = "1", max = "65535")
        int ftpPort() default DeviceSettings.WELL_KNOWN_FTP_PORT;

        @AttributeDefinition(name = "SNMPv3 user", description = "The devices' USM user (SHA-256/AES-128)")
        String v3User() default "uplift";

        @AttributeDefinition(name = "SNMPv3 authentication passphrase", type = AttributeType.PASSWORD)
        String v3AuthPassphrase() default "uplift-auth-pass";

        @AttributeDefinition(name = "SNMPv3 privacy passphrase", type = AttributeType.PASSWORD)
        String v3PrivPassphrase() default "uplift-priv-pass";

        @AttributeDefinition(name = "Notify", description = "HOST:PORT to send operation-completion "
                + "notifications, and coldStart after each reboot, to; empty for none", required = false)
        String notifyTo() default "";

        @AttributeDefinition(name = "Notify with v3 informs", description = "Send SNMPv3 informs (authPriv) "
                + "instead of v2c traps")
        boolean notifyV3() default false;
    }

    private final Fleet fleet;
    private final ServiceRegistration<SimulatorFleet> registration;

    @Activate
    public SimulatorComponent(Config config, BundleContext context) throws IOException {
        FleetSettings settings = new FleetSettings(config.devices(), config.basePort(), config.model(),
                config.version(), config.rebootSeconds(), FleetSettings.parseFaults(Arrays.asList(config.faults())),
                config.addressPerDevice(), Personality.parse(config.mibs()),
                new V3User(config.v3User(), config.v3AuthPassphrase(), config.v3PrivPassphrase()),
                config.notifyTo().isBlank() ? null
                        : NotificationTarget.parse(config.notifyTo().trim(), config.notifyV3()),
                config.configFormat(), config.tftpPort(), config.configBytes(), config.httpPort(), config.ftpPort(),
                config.host());
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
