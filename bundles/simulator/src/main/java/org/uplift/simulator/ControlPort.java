package org.uplift.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The standalone simulator's TCP control port on 127.0.0.1 only: each line received is a
 * {@link FleetControl} command, each answer is followed by an empty line. For scripts, e.g.
 * {@code echo 'fault 3 no-return' | nc -q1 127.0.0.1 PORT}.
 */
final class ControlPort implements AutoCloseable {

    private final ServerSocket socket;
    private final FleetControl control;

    ControlPort(int port, FleetControl control) throws IOException {
        this.socket = new ServerSocket(port, 8, InetAddress.getLoopbackAddress());
        this.control = control;
        Thread acceptor = new Thread(this::accept, "uplift-sim-control");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                client.setSoTimeout(60_000);
                serve(client);
            } catch (IOException e) {
                // a client went away or the port closed; the loop condition decides
            }
        }
    }

    private void serve(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8);
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            out.print(control.execute(line) + "\n\n");
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
