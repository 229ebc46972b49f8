package org.uplift.simulator.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.util.function.BiConsumer;

import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.Snmp;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.DefaultMOServer;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.ManagedObject;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.uplift.simulator.ops.OpReport;
import org.uplift.simulator.ops.OpRequest;

/**
 * One device's SNMP agent on 127.0.0.1: SNMPv2-MIB's system scalars, UPLIFT-IAD-MIB's system
 * scalars and operation table, v2c communities {@code public} (read) and {@code private} (read-write).
 */
public final class SnmpAgent implements AutoCloseable {

    private final DefaultMOServer server = new DefaultMOServer();
    private final OpTable opTable;
    private final Snmp snmp;
    private final int port;
    private volatile boolean silent;

    /**
     * Binds the agent's socket and starts answering.
     *
     * @param port    UDP port on 127.0.0.1, 0 for any free one
     * @param device  what the scalars report
     * @param starter receives each operation a manager creates; must return at once
     */
    public SnmpAgent(int port, DeviceView device, BiConsumer<OpRequest, OpReport> starter) throws IOException {
        opTable = new OpTable(starter);
        registerObjects(device);
        OctetString engineId = new OctetString("uplift-simulator");
        CommunityAccess access = new CommunityAccess(engineId);
        CommandProcessor processor = new CommandProcessor(engineId);
        processor.setVacm(access);
        processor.setCoexistenceProvider(access);
        processor.addMOServer(server);

        MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        DefaultUdpTransportMapping transport =
                new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getLoopbackAddress(), port));
        snmp = new Snmp(dispatcher, transport);
        snmp.addCommandResponder(new SilenceableResponder(processor));
        snmp.listen();
        this.port = transport.getListenAddress().getPort();
    }

    /** The UDP port the agent answers on. */
    public int port() {
        return port;
    }

    /** While silent (rebooting) the agent drops every request unanswered. */
    public void silent(boolean value) {
        silent = value;
    }

    public boolean silent() {
        return silent;
    }

    /** Empties the operation table, as a reboot does. */
    public void forgetOperations() {
        opTable.clear();
    }

    @Override
    public void close() throws IOException {
        snmp.close();
    }

    private void registerObjects(DeviceView device) throws IOException {
        try {
            register(new LiveScalar<>(IadMib.SYS_DESCR, () -> DeviceView.text(device.sysDescr())));
            register(new LiveScalar<>(IadMib.SYS_OBJECT_ID, () -> new OID(IadMib.UPLIFT_IAD_1000)));
            register(new LiveScalar<>(IadMib.SYS_UP_TIME, () -> new TimeTicks(device.upTimeHundredths() & 0xFFFFFFFFL)));
            register(new LiveScalar<>(IadMib.SYS_NAME, () -> DeviceView.text(device.sysName())));
            register(new LiveScalar<>(new OID(IadMib.MODEL).append(0), () -> DeviceView.text(device.model())));
            register(new LiveScalar<>(new OID(IadMib.RUNNING_VERSION).append(0),
                    () -> DeviceView.text(device.runningVersion())));
            register(new LiveScalar<>(new OID(IadMib.KEPT_VERSION).append(0),
                    () -> DeviceView.text(device.keptVersion())));
            register(new LiveScalar<>(new OID(IadMib.CONFIG_FORMAT).append(0),
                    () -> DeviceView.text(device.configFormat())));
            register(new LiveScalar<>(new OID(IadMib.CONFIG_DIGEST).append(0),
                    () -> new OctetString(device.configDigest())));
            opTable.register(server);
        } catch (DuplicateRegistrationException e) {
            throw new IOException("simulator MIB objects overlap: " + e.getMessage(), e);
        }
    }

    private void register(ManagedObject<?> object) throws DuplicateRegistrationException {
        server.register(object, null);
    }

    /** Drops requests while the device reboots. */
    private final class SilenceableResponder implements CommandResponder {
        private final CommandResponder delegate;

        SilenceableResponder(CommandResponder delegate) {
            this.delegate = delegate;
        }

        @Override
        public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
            if (silent) {
                event.setProcessed(true);
                return;
            }
            delegate.processPdu(event);
        }
    }
}
