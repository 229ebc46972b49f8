package org.uplift.snmp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.snmp4j.PDU;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.UnsignedInteger32;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.uplift.api.driver.OperationCompletion;
import org.uplift.api.driver.OperationState;
import org.uplift.snmp.cisco.CiscoConfigCopyMib;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of the completion-notification decoders. The PDU is either decoded by SNMP4J
 * from fuzzed BER bytes (what arrives on the wire) or built from fuzzed variable bindings aimed at the columns
 * the decoders read (any OID suffix, any SMI type and value). Property: each decoder returns empty or a
 * completion that is SUCCESSFUL or FAILED with a fail cause only when FAILED, and never throws.
 *
 * <p>In a plain {@code mvn verify} this runs the inputs under {@code CompletionDecoderFuzzTestInputs/decode/}
 * (seeds and every crash found) as regression tests; {@code bench/fuzz.sh} fuzzes it ({@code JAZZER_FUZZ=1}).
 */
class CompletionDecoderFuzzTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final List<CopyRowCompletionDecoder> DECODERS = List.of(CopyRowCompletionDecoder.iad(CLOCK),
            CopyRowCompletionDecoder.cisco(CLOCK));
    private static final List<OID> COLUMNS = List.of(new OID("1.3.6.1.4.1.32473.7.1.2.1.10"),
            new OID("1.3.6.1.4.1.32473.7.1.2.1.11"), CiscoConfigCopyMib.column(CiscoConfigCopyMib.STATE),
            CiscoConfigCopyMib.column(CiscoConfigCopyMib.FAIL_CAUSE), SnmpConstants.snmpTrapOID,
            SnmpConstants.sysUpTime);

    @FuzzTest(maxDuration = "10s")
    void decode(FuzzedDataProvider data) {
        PDU pdu = data.consumeBoolean() ? fromBer(data.consumeRemainingAsBytes()) : built(data);
        if (pdu == null) {
            return;
        }
        for (CompletionDecoder decoder : DECODERS) {
            Optional<OperationCompletion> completion = decoder.decode(pdu, "192.0.2.7", 162);
            assertNotNull(completion);
            completion.ifPresent(c -> {
                assertEquals(decoder.notification().toDottedString(), c.notification());
                assertEquals("192.0.2.7", c.sourceHost());
                assertTrue(c.state() == OperationState.SUCCESSFUL || c.state() == OperationState.FAILED);
                assertTrue(c.state() == OperationState.FAILED || c.failCause() == null, "cause only on failure");
            });
        }
    }

    /**
     * The fuzzer's first finding (crash-79818c08...): a state or fail-cause binding that is not an INTEGER made
     * {@code toInt()} throw out of the decoder. Now a state of another type is no state, a cause of another type
     * no cause.
     */
    @Test
    void bindingsOfAnotherTypeAreIgnored() {
        for (CopyRowCompletionDecoder decoder : DECODERS) {
            OID state = decoder.stateColumn();
            OID cause = decoder.causeColumn();
            PDU pdu = new PDU();
            pdu.add(new VariableBinding(new OID(state).append(7), new OctetString("failed")));
            assertEquals(Optional.empty(), decoder.decode(pdu, "192.0.2.7", 162));
            pdu.clear();
            pdu.add(new VariableBinding(new OID(state).append(7), new Integer32(4)));
            pdu.add(new VariableBinding(new OID(cause).append(7), new OID("1.3.6")));
            OperationCompletion completion = decoder.decode(pdu, "192.0.2.7", 162).orElseThrow();
            assertEquals(OperationState.FAILED, completion.state());
            assertEquals(7, completion.index());
            assertEquals(null, completion.failCause());
        }
    }

    /**
     * What SNMP4J makes of the bytes, or null where it refuses them. SNMP4J also refuses some with a run-time
     * exception (an unknown type tag: IllegalArgumentException); its message dispatcher catches and logs those, so
     * such a PDU never reaches a decoder either.
     */
    private static PDU fromBer(byte[] ber) {
        PDU pdu = new PDU();
        try {
            pdu.decodeBER(new BERInputStream(ByteBuffer.wrap(ber)));
        } catch (IOException | RuntimeException refused) {
            return null;
        }
        return pdu;
    }

    private static PDU built(FuzzedDataProvider data) {
        PDU pdu = new PDU();
        pdu.setType(PDU.NOTIFICATION);
        int count = data.consumeInt(0, 6);
        for (int i = 0; i < count; i++) {
            pdu.add(new VariableBinding(oid(data), variable(data)));
        }
        return pdu;
    }

    private static OID oid(FuzzedDataProvider data) {
        OID base = data.consumeBoolean() ? new OID(data.pickValue(COLUMNS)) : new OID();
        int extra = data.consumeInt(0, 3);
        for (int i = 0; i < extra; i++) {
            base.append(data.consumeInt());
        }
        return base;
    }

    private static Variable variable(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 13)) {
            case 0 -> new Integer32(data.consumeInt());
            case 1 -> new Integer32(data.consumeInt(-1, 6));
            case 2 -> new UnsignedInteger32(data.consumeLong(0, 0xffffffffL));
            case 3 -> new Counter32(data.consumeLong(0, 0xffffffffL));
            case 4 -> new Gauge32(data.consumeLong(0, 0xffffffffL));
            case 5 -> new TimeTicks(data.consumeLong(0, 0xffffffffL));
            case 6 -> new Counter64(data.consumeLong());
            case 7 -> new OctetString(data.consumeBytes(data.consumeInt(0, 16)));
            case 8 -> new IpAddress(data.consumeBytes(4).length == 4 ? new byte[]{(byte) 192, 0, 2, 7} : new byte[4]);
            case 9 -> new Opaque(data.consumeBytes(data.consumeInt(0, 8)));
            case 10 -> oid(data);
            case 11 -> Null.noSuchObject;
            case 12 -> Null.endOfMibView;
            default -> new Null();
        };
    }
}
