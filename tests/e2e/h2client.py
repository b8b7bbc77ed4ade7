"""A minimal HTTP/2 (h2c, prior knowledge) client that can send request
trailers, which ordinary clients cannot: trailers are a way around body
inspection that the gateway must close."""
import socket

import h2.config
import h2.connection
import h2.events


def request(port, method, path, headers, body_chunks, trailers=None, timeout=10):
    """Returns (status, headers dict, body bytes)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    sid = conn.get_next_available_stream_id()
    conn.send_headers(sid, [(":method", method), (":path", path), (":scheme", "http"),
                            (":authority", "gw")] + list(headers), end_stream=False)
    for i, chunk in enumerate(body_chunks):
        last = trailers is None and i == len(body_chunks) - 1
        conn.send_data(sid, chunk, end_stream=last)
    if trailers is not None:
        conn.send_headers(sid, list(trailers), end_stream=True)
    sock.sendall(conn.data_to_send())
    status, resp_headers, body, done = None, {}, b"", False
    while not done:
        data = sock.recv(65536)
        if not data:
            break
        for ev in conn.receive_data(data):
            if isinstance(ev, h2.events.ResponseReceived):
                resp_headers = {k.decode(): v.decode() for k, v in ev.headers}
                status = int(resp_headers[":status"])
            elif isinstance(ev, h2.events.DataReceived):
                body += ev.data
                conn.acknowledge_received_data(ev.flow_controlled_length, ev.stream_id)
            elif isinstance(ev, (h2.events.StreamEnded, h2.events.StreamReset)):
                done = True
        sock.sendall(conn.data_to_send())
    sock.close()
    return status, resp_headers, body
