package org.uplift.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import java.util.List;

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
import org.uplift.api.migration.ConfigMigrator;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.migration.MigrationService;

/**
 * A migrator bundle installed at run time is used at once, and forgotten once uninstalled, without a
 * restart: the bundle is built here, inside Karaf, from a class of this test.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeMigratorIT extends UpliftTestSupport {

    @Inject
    @Filter(timeout = 120_000)
    private MigrationService migrations;

    @Configuration
    public Option[] config() {
        return uplift(1, "");
    }

    /** The whole of the run-time bundle: it registers itself as the TEST model's format 7 to 8 migrator. */
    public static final class Migrator implements BundleActivator, ConfigMigrator {

        @Override
        public void start(BundleContext context) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(ConfigMigrator.MODEL_PROPERTY, "TEST");
            properties.put(ConfigMigrator.FROM_PROPERTY, "7");
            properties.put(ConfigMigrator.TO_PROPERTY, "8");
            context.registerService(ConfigMigrator.class, this, properties);
        }

        @Override
        public void stop(BundleContext context) {
            // the framework unregisters the service
        }

        @Override
        public byte[] migrate(byte[] configuration) throws MigrationException {
            String in = new String(configuration, StandardCharsets.UTF_8);
            if (!in.contains("format=7")) {
                throw new MigrationException("not format 7");
            }
            return (in.replace("format=7", "format=8") + "migrated-by=runtime-bundle\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    public void givenAMigratorBundleInstalledAtRunTime_whenMigrating_thenItIsUsedAndAfterUninstallItIsGone()
            throws Exception {
        assertMissing();
        Bundle bundle = bundleContext.installBundle("uplift-it:runtime-migrator",
                new ByteArrayInputStream(migratorBundle()));
        try {
            bundle.start();
            assertEquals(Bundle.ACTIVE, bundle.getState());
            List<String> chain = awaitChain();
            assertEquals(List.of("7", "8"), chain);
            byte[] out = migrations.migrate("TEST", "7", "8", "format=7\nname=x\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("format=8\nname=x\nmigrated-by=runtime-bundle\n", new String(out, StandardCharsets.UTF_8));
            assertTrue(migrations.steps().toString(), migrations.steps().stream().anyMatch(
                    s -> s.model().equals("TEST") && s.from().equals("7") && s.to().equals("8")));
        } finally {
            bundle.uninstall();
        }
        assertMissing();
    }

    private List<String> awaitChain() throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            try {
                return migrations.chain("TEST", "7", "8");
            } catch (MigrationException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the run-time migrator was not picked up within 10 s", e);
                }
                Thread.sleep(100);
            }
        }
    }

    private void assertMissing() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                migrations.chain("TEST", "7", "8");
            } catch (MigrationException expected) {
                assertTrue(expected.getMessage(),
                        expected.getMessage().contains("7") || expected.getMessage().contains("TEST"));
                return;
            }
            Thread.sleep(100);
        }
        fail("a chain TEST 7 -> 8 exists without the run-time bundle");
    }

    /** A bundle jar with the Migrator class only; its manifest imports the two packages it uses. */
    private static byte[] migratorBundle() throws Exception {
        return RuntimeBundles.activatorOnly("org.uplift.itests.runtime-migrator", Migrator.class,
                "org.osgi.framework, org.uplift.api.migration");
    }
}
