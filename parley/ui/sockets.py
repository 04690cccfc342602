"""Answers sent whole: Nagle's algorithm off on the connections the server accepts.

Streamlit's server binds its listening socket itself, without naming TCP as its protocol, and
asyncio switches Nagle's algorithm off only on connections whose socket says it is TCP. The
server writes an answer's headers and its body separately, so on every request after a
connection's first the body waits for the browser to acknowledge the headers: about 40 ms, the
browser's delayed acknowledgement, per file. Linux and macOS give each accepted connection the
listening socket's TCP_NODELAY, so setting it there once, as the server starts, is enough.
What it gained is in the README (Speed).
"""

from __future__ import annotations

import os
import socket

FD_DIRS = ("/proc/self/fd", "/dev/fd")  # where Linux, then macOS, list a process's open files


def listening_sockets() -> list[int]:
    """The file descriptors of this process's listening TCP sockets (none where it cannot list them)."""
    fd_dir = next((d for d in FD_DIRS if os.path.isdir(d)), None)
    found = []
    for name in os.listdir(fd_dir) if fd_dir else ():
        try:
            # A duplicate, so closing it leaves the descriptor itself open.
            with socket.socket(fileno=os.dup(int(name))) as sock:
                tcp = sock.type == socket.SOCK_STREAM and sock.family in (socket.AF_INET, socket.AF_INET6)
                if tcp and sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN):
                    found.append(int(name))
        except (OSError, ValueError):
            continue  # not a socket, or closed since it was listed
    return found


def send_whole_answers() -> int:
    """Set TCP_NODELAY on every listening TCP socket of this process; returns how many there were."""
    fds = listening_sockets()
    for fd in fds:
        with socket.socket(fileno=os.dup(fd)) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return len(fds)
