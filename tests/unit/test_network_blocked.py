import socket

import pytest

from tests.conftest import NetworkBlocked


def test_suite_blocks_network_connections() -> None:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with sock, pytest.raises(NetworkBlocked):
        sock.connect(("127.0.0.1", 9))
