package org.uplift.repository.tftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing (Jazzer) of what turns a datagram received on the listening port into a request or a
 * refusal: {@link TftpRequestParser#parse} and then {@link OptionNegotiator#negotiate}, as
 * {@link RequestDispatcher} runs them. Properties: nothing but {@link TftpRefusal} escapes; an ERROR packet is
 * ignored; the datagram's offset and the bytes around it in the receive buffer make no difference.
 *
 * <p>In a plain {@code mvn verify} this runs the inputs under {@code TftpRequestParserFuzzTestInputs/parse/}
 * (seeds and every crash found) as regression tests; {@code bench/fuzz.sh} fuzzes it ({@code JAZZER_FUZZ=1}).
 */
class TftpRequestParserFuzzTest {

    private static final InetAddress CLIENT = InetAddress.getLoopbackAddress();

    @FuzzTest(maxDuration = "10s")
    void parse(byte[] datagram) {
        String exact = outcome(new DatagramPacket(datagram.clone(), datagram.length, CLIENT, 40000));

        // the same bytes in the middle of a larger receive buffer full of other data
        byte[] buffer = new byte[datagram.length + 7];
        Arrays.fill(buffer, (byte) 'x');
        System.arraycopy(datagram, 0, buffer, 3, datagram.length);
        String sliced = outcome(new DatagramPacket(buffer, 3, datagram.length, CLIENT, 40000));
        assertEquals(exact, sliced, "the datagram's offset changed the outcome");
    }

    /** What the dispatcher would do, as text; any exception other than TftpRefusal fails the test. */
    private static String outcome(DatagramPacket packet) {
        Optional<TftpRequest> parsed;
        try {
            parsed = TftpRequestParser.parse(packet);
        } catch (TftpRefusal refusal) {
            assertEquals(TftpRefusal.ILLEGAL_OPERATION, refusal.code());
            return "refused";
        }
        if (parsed.isEmpty()) {
            assertTrue(packet.getLength() >= 2 && packet.getData()[packet.getOffset() + 1] == 5
                    && packet.getData()[packet.getOffset()] == 0, "only an ERROR packet is ignored");
            return "ignored";
        }
        TftpRequest request = parsed.get();
        assertEquals(CLIENT, request.address());
        assertEquals(40000, request.port());
        request.options().keySet().forEach(name -> assertFalse(name.chars().anyMatch(Character::isUpperCase),
                "option names are lower case"));
        String negotiated;
        try {
            TransferOptions options = OptionNegotiator.negotiate(request, 1_000_000, 10_000_000, 5000);
            assertTrue(options.blockSize() >= OptionNegotiator.MIN_BLOCK_SIZE
                    && options.blockSize() <= OptionNegotiator.MAX_BLOCK_SIZE, "block size in range");
            assertTrue(options.windowSize() >= 1 && options.windowSize() <= OptionNegotiator.MAX_WINDOW_SIZE,
                    "window size in range");
            assertTrue(options.timeoutMillis() >= 1000 && options.timeoutMillis() <= 255_000, "time-out in range");
            negotiated = options.toString();
        } catch (TftpRefusal refusal) {
            assertEquals(TftpRefusal.DISK_FULL, refusal.code());
            negotiated = "refused";
        }
        return request.kind() + " " + request.fileName() + " " + request.octet() + " " + request.options() + " "
                + negotiated;
    }
}
