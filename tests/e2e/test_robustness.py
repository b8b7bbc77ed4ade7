"""Hostile bytes do not crash the VM: the next request still works."""
import socket

import requests


def raw_request(gateway, head: bytes, body: bytes = b""):
    with socket.create_connection(("127.0.0.1", gateway.port), timeout=5) as s:
        s.sendall(head + b"content-length: %d\r\nconnection: close\r\n\r\n" % len(body) + body)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


def test_non_utf8_header_bytes_do_not_crash_the_vm(gateway, mock):
    body = b'{"model":"m","messages":[{"role":"user","content":"hi"}]}'
    cases = [
        b"x-aigw-metadata: \xff\xfe{\r\n",
        b"x-aigw-authorization: Bearer \xc3\x28\r\n",
        b"x-request-id: \xff\xff\r\n",
        b"authorization: Bearer \x80\x81\r\n",
        b"content-type: application/\xffjson\r\n",
        b"anthropic-version: \xfe\r\n",
    ]
    for extra in cases:
        head = (b"POST /openai/v1/chat/completions HTTP/1.1\r\nhost: gw\r\n"
                b"content-type: application/json\r\n" + extra)
        status, data = raw_request(gateway, head, body)
        assert status in (200, 400), (extra, data[:300])
    status, _ = raw_request(gateway, b"GET /\xff\xfe/v1 HTTP/1.1\r\nhost: gw\r\n")
    assert status in (400, 404)
    # The VM is alive: a normal request is served.
    r = requests.post(gateway.url + "/openai/v1/chat/completions",
                      json={"model": "m", "messages": [{"role": "user", "content": "ok?"}]},
                      timeout=5)
    assert r.status_code == 200
    log = gateway.log_text()
    assert "panic" not in log and "failed" not in log.lower(), log[-2000:]


def test_bad_metadata_bytes_get_400(gateway):
    head = (b"POST /openai/v1/chat/completions HTTP/1.1\r\nhost: gw\r\n"
            b"content-type: application/json\r\nx-aigw-metadata: \xff\xfe\r\n")
    status, data = raw_request(gateway, head, b'{"model":"m","messages":[]}')
    assert status == 400 and b"aigw_invalid_metadata" in data


def test_http2_trailers_do_not_skip_body_inspection(gateway, mock):
    """With HTTP/2 trailers the body callbacks never see end_of_stream; the
    gateway must still inspect the body before it goes upstream."""
    from h2client import request
    headers = [("content-type", "application/json")]
    status, _, body = request(gateway.port, "POST", "/openai/v1/chat/completions", headers,
                              [b'{"model": "m", ', b'"messages": ['], trailers=[("x-t", "1")])
    assert status == 400 and b"aigw_invalid_json" in body, body
    m = mock.mark()
    ok = b'{"model":"m","messages":[{"role":"user","content":"via h2 with trailers"}]}'
    status, _, body = request(gateway.port, "POST", "/openai/v1/chat/completions", headers,
                              [ok[:20], ok[20:]], trailers=[("x-t", "1")])
    assert status == 200, body
    [rec] = mock.received_since(m, 1)
    assert rec["json"]["messages"][0]["content"] == "via h2 with trailers"
    assert rec["path"] == "/v1/chat/completions"
