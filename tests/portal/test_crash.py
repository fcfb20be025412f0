"""kill -9 of the portal process in the middle of load: no confirmed link is lost and
no half-made link is left behind."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from link_portal.db import Link, LinkRequest
from smartcard_linker.portal.client import HttpPortalClient
from smartcard_linker.portal.errors import PortalError
from tests.fixtures_portal import PortalKit, PortalUser


@pytest.mark.slow
def test_kill_9_mid_load(portal_kit: PortalKit, tmp_path: Path) -> None:
    kit = portal_kit
    portal = kit.serve_process(tmp_path)
    users = [kit.new_user(key_type="ec-p256") for _ in range(40)]
    confirmed: dict[str, str] = {}  # link_request_id -> link reference the client was given
    lock = threading.Lock()
    stop = threading.Event()

    def drive(mine: list[PortalUser]) -> None:
        client = HttpPortalClient(
            portal.base_url, extra_ca_file=kit.pki.tls_ca_file, timeout=(2.0, 5.0)
        )
        for user in mine:
            if stop.is_set():
                return
            token = user.token()
            try:
                view = client.create_link_request(
                    token, user.link_body(client.create_challenge(token))
                )
                link = client.confirm(token, view.link_request_id, "crash-test")
            except PortalError:
                return  # the server died under us
            with lock:
                confirmed[view.link_request_id] = link.reference

    threads = [threading.Thread(target=drive, args=(users[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while len(confirmed) < 8 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert portal.process is not None
    os.kill(portal.process.pid, signal.SIGKILL)  # mid-load: requests are in flight
    portal.process.wait()
    stop.set()
    for thread in threads:
        thread.join(10)
    assert len(confirmed) >= 8

    engine = kit.engine()
    with engine.connect() as conn:
        links = {row.link_request_id: row for row in conn.execute(select(Link.__table__))}
        requests_ = {row.id: row for row in conn.execute(select(LinkRequest.__table__))}
    engine.dispose()
    for lrid, reference in confirmed.items():  # every confirmation the client saw is durable
        assert lrid in links and links[lrid].reference == reference
        assert requests_[lrid].status == "confirmed"
    mine = {u.oid for u in users}
    for lrid, row in requests_.items():  # no half-made link either way
        if row.oid not in mine:
            continue
        assert (row.status == "confirmed") == (lrid in links), (row.status, lrid)
