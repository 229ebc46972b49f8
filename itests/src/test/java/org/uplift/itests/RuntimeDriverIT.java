package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.util.Collection;
import java.util.Hashtable;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.uplift.api.device.Device;
import org.uplift.api.driver.DeviceDriver;
import org.uplift.api.driver.DeviceException;
import org.uplift.api.driver.DeviceFacts;
import org.uplift.api.driver.DriverCapabilities;
import org.uplift.api.driver.OperationHandle;
import org.uplift.api.driver.OperationRequest;
import org.uplift.api.driver.OperationStatus;
import org.uplift.api.driver.OperationType;

/**
 * Issue 4: a driver bundle installed at run time is used without a restart, and once uninstalled a
 * device that names it is refused with a message naming it. The bundle is built here, inside Karaf,
 * from a class of this test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeDriverIT extends UpgradeTestSupport {

    /** Where the run-time driver records the operations it started, comma-separated (a system property). */
    static final String STARTED = "uplift.it.runtimeDriver.started";

    @Inject
    @Filter(value = "(uplift.driver=uplift-iad)", timeout = 120_000)
    private DeviceDriver iad;

    @Configuration
    public Option[] config() {
        return uplift(1, "");
    }

    /**
     * The whole of the run-time bundle: registers the driver {@code runtime-test}, which delegates to
     * the installed {@code uplift-iad} driver and records each operation it starts.
     */
    public static final class RuntimeDriver implements BundleActivator, DeviceDriver {

        private DeviceDriver delegate;

        @Override
        public void start(BundleContext context) throws Exception {
            Collection<ServiceReference<DeviceDriver>> found = context.getServiceReferences(DeviceDriver.class,
                    "(uplift.driver=uplift-iad)");
            if (found.isEmpty()) {
                throw new IllegalStateException("no uplift-iad driver to delegate to");
            }
            delegate = context.getService(found.iterator().next());
            System.setProperty(STARTED, "");
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(DeviceDriver.NAME_PROPERTY, "runtime-test");
            context.registerService(DeviceDriver.class, this, properties);
        }

        @Override
        public void stop(BundleContext context) {
            // the framework unregisters the service and releases the delegate
        }

        @Override
        public boolean supports(OperationType type) {
            return delegate.supports(type);
        }

        /** What the delegate declares: the plan reads the model (and the rest) only from a driver that declares it. */
        @Override
        public DriverCapabilities capabilities() {
            return delegate.capabilities();
        }

        @Override
        public DeviceFacts facts(Device device) throws DeviceException {
            return delegate.facts(device);
        }

        @Override
        public OperationHandle start(Device device, OperationRequest request) throws DeviceException {
            synchronized (RuntimeDriver.class) {
                String before = System.getProperty(STARTED, "");
                System.setProperty(STARTED,
                        before.isEmpty() ? request.type().name() : before + "," + request.type().name());
            }
            return delegate.start(device, request);
        }

        @Override
        public OperationStatus status(Device device, OperationHandle handle) throws DeviceException {
            return delegate.status(device, handle);
        }

        @Override
        public void release(Device device, OperationHandle handle) throws DeviceException {
            delegate.release(device, handle);
        }
    }

    @Test
    public void givenADriverBundleInstalledAtRunTime_whenADeviceNamesIt_thenItsUpgradeUsesItAndAfterUninstallIsRefused()
            throws Exception {
        int port = intProperty(SIM_BASE_PORT);
        addFirmware("IAD-1000", "2.0.0");
        awaitCommand("uplift:device-list", 60_000);
        executeCommand(
                "uplift:device-add --driver runtime-test --port " + port + " --community private iad-1 127.0.0.1");
        Bundle bundle = bundleContext.installBundle("uplift-it:runtime-driver",
                new ByteArrayInputStream(driverBundle()));
        try {
            bundle.start();
            assertEquals(Bundle.ACTIVE, bundle.getState());

            upgradedToDone("iad-1");
            assertEquals("every operation was started through the run-time driver",
                    "BACKUP_CONFIG,DOWNLOAD_FIRMWARE,RESTORE_CONFIG", System.getProperty(STARTED));
            assertEquals("2.0.0", iad.facts(new Device("iad-1", "127.0.0.1", port,
                    org.uplift.api.device.SnmpCredentials.v2c("private"), null)).runningVersion());
        } finally {
            bundle.uninstall();
        }

        try {
            executeCommand("uplift:upgrade --firmware 2.0.0 --wait --timeout 60 iad-1");
            fail("a device whose driver is gone must be refused");
        } catch (Exception expected) {
            assertTrue(expected.getMessage(),
                    expected.getMessage().contains("names driver 'runtime-test', which is not installed"));
        }
        assertEquals("the refused upgrade made no job", 1, upgrades.jobs().stream()
                .filter(j -> j.deviceId().equals("iad-1")).count());
    }

    /** A bundle jar with the RuntimeDriver class only; its manifest imports the three packages it uses. */
    private static byte[] driverBundle() throws Exception {
        return RuntimeBundles.activatorOnly("org.uplift.itests.runtime-driver", RuntimeDriver.class,
                "org.osgi.framework, org.uplift.api.driver, org.uplift.api.device");
    }
}
