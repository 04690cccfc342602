"""The server's connections send an answer's body without waiting for the headers' acknowledgement."""

from __future__ import annotations

import socket
from contextlib import ExitStack

from parley.ui.sockets import listening_sockets, send_whole_answers


def _nodelay(sock: socket.socket) -> int:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


def _listener(stack: ExitStack) -> socket.socket:
    """Bound as Streamlit's server binds its own: no protocol named, so asyncio leaves Nagle on."""
    sock = stack.enter_context(socket.socket(family=socket.AF_INET))
    sock.bind(("127.0.0.1", 0))
    sock.listen()
    return sock


def _accepted(stack: ExitStack, listener: socket.socket) -> tuple[socket.socket, socket.socket]:
    client = stack.enter_context(socket.create_connection(listener.getsockname()))
    server_side = stack.enter_context(listener.accept()[0])
    return client, server_side


def test_connections_accepted_after_it_have_nagle_off():
    with ExitStack() as stack:
        listener = _listener(stack)
        _, before = _accepted(stack, listener)
        assert _nodelay(before) == 0  # what the server's connections had without it

        assert send_whole_answers() >= 1

        _, after = _accepted(stack, listener)
        assert _nodelay(after) == 1


def test_only_listening_sockets_are_changed_and_all_stay_open():
    with ExitStack() as stack:
        listener = _listener(stack)
        client, server_side = _accepted(stack, listener)

        assert listener.fileno() in listening_sockets()
        assert client.fileno() not in listening_sockets()
        send_whole_answers()

        assert _nodelay(client) == 0
        client.sendall(b"ping")
        assert server_side.recv(4) == b"ping"
        # The listener still accepts: only duplicates of its descriptor were closed.
        _, later = _accepted(stack, listener)
        assert _nodelay(later) == 1
