package org.uplift.shell;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.uplift.api.migration.MigrationException;
import org.uplift.api.migration.MigrationService;
import org.uplift.api.migration.MigrationStep;

@Service
@Command(scope = "uplift", name = "migrations", description = "Lists the registered configuration migrators and the chains they allow.", detailedDescription = """
        A chain is the shortest sequence of migrators from one format version to another; an upgrade whose \
        firmware declares a configuration format no chain reaches is refused before the device is touched. \
        Migrators are ConfigMigrator services and take effect as soon as they are registered.
        Try one on a backup with uplift:config-migrate --dry-run.
        With --no-format: the migrators (model, from, to), an empty line, then the chains (model, chain).
        Example: uplift:migrations""")
public class MigrationsCommand extends TableCommand {

    @Reference
    private MigrationService migrations;

    @Override
    protected Object run() throws Exception {
        List<MigrationStep> steps = migrations.steps();
        ShellTable registered = new ShellTable().emptyTableText("No migrators registered");
        registered.column("Model");
        registered.column("From");
        registered.column("To");
        steps.forEach(s -> registered.addRow().addContent(s.model(), s.from(), s.to()));
        print(registered);

        System.out.println();
        ShellTable chains = new ShellTable().emptyTableText("No chains");
        chains.column("Model");
        chains.column("Chain");
        formatsByModel(steps).forEach((model, formats) -> {
            for (String from : formats) {
                for (String to : formats) {
                    addChain(migrations, chains, model, from, to);
                }
            }
        });
        print(chains);
        return null;
    }

    private static void addChain(MigrationService migrations, ShellTable chains, String model, String from, String to) {
        if (from.equals(to)) {
            return;
        }
        try {
            String chain = String.join(" -> ", migrations.chain(model, from, to));
            chains.addRow().addContent(model, chain);
        } catch (MigrationException e) {
            // no chain between these two formats: nothing to list
        }
    }

    private static Map<String, TreeSet<String>> formatsByModel(List<MigrationStep> steps) {
        Map<String, TreeSet<String>> formats = new TreeMap<>();
        for (MigrationStep s : steps) {
            TreeSet<String> f = formats.computeIfAbsent(s.model(), k -> new TreeSet<>());
            f.add(s.from());
            f.add(s.to());
        }
        return formats;
    }
}
