"""An SMTP server on loopback that accepts and counts every message (aiosmtpd), in a process of its own
so the sender's timing is not shared with it. Prints its port, then on SIGTERM one JSON line of counts."""

import json
import signal
import socket
import sys
import threading

from aiosmtpd.controller import Controller


class Counter:
    received = 0
    connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        Counter.connections += 1
        session.host_name = hostname
        return responses

    async def handle_HELO(self, server, session, envelope, hostname):
        Counter.connections += 1
        session.host_name = hostname
        return f"250 {server.hostname}"

    async def handle_DATA(self, server, session, envelope):
        Counter.received += 1
        return "250 OK"


def main() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Counter(), hostname="127.0.0.1", port=port)
    controller.start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(port, flush=True)
    stop.wait()
    controller.stop()
    print(json.dumps({"received": Counter.received, "connections": Counter.connections}), flush=True)
    sys.exit(0)


if __name__ == "__main__":
    main()
