"""Shop Sync benchmark client: real JSON-RPC sessions and websocket clients over
loopback against an Odoo started as in production (see scripts/bench.sh).

Every loop is bounded in count and in time. Prints a markdown table and writes
a JSON file with the machine, the versions and each figure's p50/p95/p99.
"""

import argparse
import json
import os
import platform
import re
import statistics
import sys
import threading
import time
import traceback
import uuid
from concurrent.futures import ThreadPoolExecutor

import requests
import websocket

DEADLINE = time.monotonic() + 40 * 60  # the whole run stops after 40 minutes


class TimeUp(Exception):
    pass


def check_time():
    if time.monotonic() > DEADLINE:
        raise TimeUp()


class _SourceAdapter(requests.adapters.HTTPAdapter):
    """Connections from a given local address (any port)."""

    def __init__(self, source_ip):
        self.source_ip = source_ip
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source_ip, 0)
        super().init_poolmanager(*args, **kwargs)


class Client:
    """One logged-in JSON-RPC session (one cashier's browser)."""

    def __init__(self, url, db, login, password, source_ip=None):
        """``source_ip``: the loopback address its connections come from (the
        fault test tells its clients apart in the servers' sockets by it)."""
        self.url = url
        self.http = requests.Session()
        if source_ip:
            adapter = _SourceAdapter(source_ip)
            self.http.mount("http://", adapter)
        self.last_size = 0
        self._call_id = 0
        result = self._post(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )
        self.uid = result["uid"]

    def _post(self, path, params):
        self._call_id += 1
        response = self.http.post(
            self.url + path,
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": params,
                "id": self._call_id,
            },
            timeout=60,
        )
        response.raise_for_status()
        self.last_size = len(response.content)
        body = response.json()
        if "error" in body:
            error = body["error"]["data"]
            raise RpcError(error["message"], error["name"])
        return body.get("result")

    def call(self, model, method, *args, tag="", **kwargs):
        """Call ``model.method``; ``tag`` is appended to the URL (Odoo ignores
        it) to tell requests apart in Odoo's log."""
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}" + (f"/{tag}" if tag else ""),
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    @property
    def session_id(self):
        return self.http.cookies.get("session_id")


class RpcError(Exception):
    """An error answered by the server; ``name`` is its exception's dotted name."""

    def __init__(self, message, name=""):
        super().__init__(message)
        self.name = name


class Listener:
    """A websocket client subscribed to one terminal's POS channel, as the POS is."""

    def __init__(self, ws_url, session_id, channel):
        self.arrivals = {}
        self.lists = {}
        self.arrived = threading.Condition()
        self.ws = websocket.create_connection(
            ws_url,
            cookie=f"session_id={session_id}",
            origin=ws_url.replace("ws://", "http://").split("/websocket")[0],
            timeout=60,
        )
        self.ws.send(
            json.dumps(
                {"event_name": "subscribe", "data": {"channels": [channel], "last": 0}}
            )
        )
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while True:
            try:
                frame = self.ws.recv()
            except Exception:  # noqa: BLE001 - closed
                return
            now = time.perf_counter()
            if not frame:
                continue
            for notification in json.loads(frame):
                message = notification.get("message", {})
                if message.get("type", "").endswith("-SHOP_SYNC"):
                    payload = message["payload"]
                    with self.arrived:
                        key = (payload["event"], payload.get("id"))
                        self.arrivals.setdefault(key, now)
                        # As the POS does: the lists take the message at once.
                        for name in ("incoming", "outgoing", "accepted", "recalled"):
                            ids = self.lists.setdefault(name, set())
                            if payload.get(name):
                                ids.add(payload["id"])
                            else:
                                ids.discard(payload.get("id"))
                        self.arrived.notify_all()

    def wait_for(self, event, sync_id, timeout=10):
        """The arrival time of ``event`` for ``sync_id``; None after ``timeout``.

        Waits on a condition, not by polling: the clients share the server's
        two cores."""
        with self.arrived:
            self.arrived.wait_for(lambda: (event, sync_id) in self.arrivals, timeout)
            return self.arrivals.get((event, sync_id))

    def close(self):
        self.ws.close()


class Floor:
    """Odoo's bare fan-out: a bus row per channel and one NOTIFY, written
    directly as any commit writes them (the bus listens on ``postgres``)."""

    def __init__(self, db, tokens):
        import psycopg2  # Odoo's own driver; this script runs on Odoo's Python

        self.db = db
        self.tokens = tokens
        self.app = psycopg2.connect(dbname=db, user="odoo")
        self.bus = psycopg2.connect(dbname="postgres", user="odoo")
        self.bus.autocommit = True

    def fan_out(self, number):
        def dump(value):
            return json.dumps(value, separators=(",", ":"))

        with self.app.cursor() as cr:
            for token in self.tokens:
                cr.execute(
                    """INSERT INTO bus_bus (channel, message, create_date, write_date)
                       VALUES (%s, %s, now() at time zone 'UTC',
                               now() at time zone 'UTC')""",
                    (
                        dump([self.db, token]),
                        dump(
                            {
                                "type": f"{token}-SHOP_SYNC",
                                "payload": {"event": "floor", "id": number},
                            }
                        ),
                    ),
                )
        self.app.commit()
        with self.bus.cursor() as cr:
            channels = dump([[self.db, token] for token in self.tokens])
            cr.execute("SELECT pg_notify('imbus', %s)", (channels,))

    def clone(self, sync_id, count, state):
        """``count`` copies of transfer ``sync_id`` (with its targets), in
        ``state``: a bench's volume in one statement, not ``count`` sends."""
        with self.app.cursor() as cr:
            cr.execute(
                """WITH copies AS (
                       INSERT INTO pos_shop_sync (name, uuid, state, sync_type,
                              company_id, currency_id, sender_config_id,
                              sender_session_id, sender_user_id, pending_since,
                              receiver_config_id, claimed_at, done_at,
                              pos_order_id, amount_total, amount_untaxed,
                              amount_tax, customer_count, create_date, write_date)
                       SELECT 'BENCH/' || n, md5(random()::text || n), %(state)s,
                              sync_type, company_id, currency_id,
                              sender_config_id, sender_session_id, sender_user_id,
                              pending_since, receiver, paid_at, paid_at, paid_order,
                              amount_total, amount_untaxed, amount_tax, 0,
                              create_date, write_date
                         FROM pos_shop_sync,
                              LATERAL (
                                SELECT CASE WHEN %(state)s = 'done' THEN (
                                           SELECT config_id
                                             FROM pos_shop_sync_target_rel
                                            WHERE sync_id = %(sync)s LIMIT 1)
                                       END AS receiver,
                                       CASE WHEN %(state)s = 'done' THEN now()
                                       END AS paid_at,
                                       CASE WHEN %(state)s = 'done' THEN (
                                           SELECT min(id) FROM pos_order)
                                       END AS paid_order
                              ) done,
                              generate_series(1, %(count)s) n
                        WHERE id = %(sync)s
                    RETURNING id)
                   INSERT INTO pos_shop_sync_target_rel (sync_id, config_id)
                   SELECT copies.id, target.config_id
                     FROM copies, pos_shop_sync_target_rel target
                    WHERE target.sync_id = %(sync)s""",
                {"sync": sync_id, "count": count, "state": state},
            )
        self.app.commit()

    def has_orders(self):
        with self.app.cursor() as cr:
            cr.execute("SELECT EXISTS(SELECT 1 FROM pos_order)")
            return cr.fetchone()[0]

    def set_waiting(self, config_id, waiting):
        """The bench's copies waiting for ``config_id`` (pending) or not
        (cancelled)."""
        with self.app.cursor() as cr:
            cr.execute(
                """UPDATE pos_shop_sync SET state = %s
                    WHERE name LIKE 'BENCH/%%' AND state IN ('pending', 'cancelled')""",
                ("pending" if waiting else "cancelled",),
            )
        self.app.commit()

    def close(self):
        self.app.close()
        self.bus.close()


class Proxy:
    """The front web server of a production Odoo, as nginx is configured for
    it: ``/websocket`` to the gevent port, every other request to the HTTP
    workers (whose websocket answers 500), on one origin. A connection goes
    where its first request line says: a websocket is a connection of its own.
    It runs in a process of its own, as nginx does: not behind the bench's
    threads (the listening terminals) for Python's lock."""

    def __init__(self, http_port, gevent_port):
        import multiprocessing
        import socket

        self.socket = socket
        self.http_port, self.gevent_port = http_port, gevent_port
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.process = multiprocessing.get_context("fork").Process(
            target=self._accept, daemon=True
        )
        self.process.start()
        self.server.close()  # the process's copy serves

    def _accept(self):
        while True:
            try:
                client, __ = self.server.accept()
            except OSError:  # closed
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        head = b""
        while b"\r\n" not in head:
            chunk = client.recv(65536)
            if not chunk:
                client.close()
                return
            head += chunk
        path = head.split(b" ", 2)[1]
        port = self.gevent_port if path.startswith(b"/websocket") else self.http_port
        upstream = self.socket.create_connection(("127.0.0.1", port))
        for end in (client, upstream):
            end.setsockopt(self.socket.IPPROTO_TCP, self.socket.TCP_NODELAY, 1)
        upstream.sendall(head)
        threading.Thread(
            target=self._pipe, args=(upstream, client), daemon=True
        ).start()
        self._pipe(client, upstream)

    def _pipe(self, source, target):
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        for end in (source, target):
            try:
                end.shutdown(self.socket.SHUT_RDWR)
            except OSError:
                pass
        source.close()

    def close(self):
        self.process.kill()
        self.process.join()


class Chromium:
    """A headless Chromium page driven through the DevTools protocol."""

    def __init__(self, url, session_id):
        import shutil
        import subprocess
        import tempfile

        self.profile = tempfile.mkdtemp()
        binary = shutil.which("chromium") or shutil.which("google-chrome")
        self.process = subprocess.Popen(
            [binary, "--headless=new", "--no-sandbox", "--disable-gpu",
             "--disable-dev-shm-usage", "--no-first-run",
             f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
             "--window-size=1366,768", "about:blank"],
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        port = None
        for line in self.process.stderr:
            found = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if found:
                port = found.group(1)
                break
        # Drained: a full pipe would stop the browser.
        threading.Thread(target=self.process.stderr.read, daemon=True).start()
        pages = requests.get(f"http://127.0.0.1:{port}/json", timeout=10).json()
        page = next(p for p in pages if p["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        host = url.split("//")[1].split(":")[0]
        self.command("Network.enable")
        self.command(
            "Network.setCookie",
            name="session_id",
            value=session_id,
            domain=host,
            path="/",
        )

    def command(self, method, **params):
        self.next_id += 1
        self.ws.send(
            json.dumps({"id": self.next_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                return message.get("result", {})

    # The POS is ready: its data loaded, its first screen drawn (the cashier's
    # "Open Register" or the product screen), and Shop Sync's lists known.
    READY = (
        "!!(window.posmodel && posmodel.shopSync && posmodel.shopSync.lists.applied"
        " && document.querySelector('.pos-content, .login-overlay, .product-screen'))"
    )

    def load(self, url, timeout=120):
        """Seconds from navigation until the POS at ``url`` is ready."""
        self.command("Page.navigate", url="about:blank")
        start = time.perf_counter()
        self.command("Page.navigate", url=url)
        while time.perf_counter() - start < timeout:
            shown = self.command("Runtime.evaluate", expression=self.READY)
            if shown.get("result", {}).get("value"):
                return time.perf_counter() - start
            time.sleep(0.01)
        raise TimeoutError(f"{url}: the POS was not ready after {timeout} s")

    def load_timed(self, url, marks, timeout=120):
        """Seconds from navigation (the page's ``performance.timeOrigin``)
        until each expression of ``marks`` (``{name: expression}``) first
        holds, as the page itself measures it: a check every 5 ms installed
        before the page's scripts run, so that neither polling over the
        DevTools protocol nor its round trips count.

        :return: ``{name: seconds}``
        """
        if getattr(self, "_watching", None) != marks:
            checks = " ".join(
                f"if (!({json.dumps(name)} in seen)) {{ try {{ if ({expression})"
                f" {{ seen[{json.dumps(name)}] = performance.now(); }} }}"
                " catch (error) { /* not there yet */ } }"
                for name, expression in marks.items()
            )
            watcher = (
                "(() => { const seen = window.__benchMarks = {};"
                f" const timer = setInterval(() => {{ {checks}"
                f" if (Object.keys(seen).length === {len(marks)})"
                " clearInterval(timer); }, 5); })();"
            )
            self.command("Page.enable")
            self.command("Page.addScriptToEvaluateOnNewDocument", source=watcher)
            self._watching = marks
        self.command("Page.navigate", url="about:blank")
        self.command("Page.navigate", url=url)
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            seen = self.evaluate("window.__benchMarks || {}") or {}
            if len(seen) == len(marks):
                return {name: value / 1000 for name, value in seen.items()}
            time.sleep(0.05)
        raise TimeoutError(f"{url}: the POS was not ready after {timeout} s")

    def open_pos(self, url, timeout=60):
        """Load the POS at ``url`` (its session open) and get past the
        cashier's "Open Register" screen, as a cashier does: until its product
        screen shows."""
        self.load(url, timeout)
        self.wait_for(
            "document.querySelector('.product-screen, .open-register-btn')", timeout
        )
        if self.evaluate("!!document.querySelector('.open-register-btn')"):
            self.click(".open-register-btn")
        self.wait_for("document.querySelector('.product-screen')", timeout)

    def evaluate(self, expression, await_promise=False):
        """The value of ``expression`` in the page (awaited if a promise)."""
        answer = self.command(
            "Runtime.evaluate",
            expression=expression,
            awaitPromise=await_promise,
            returnByValue=True,
        )
        if "exceptionDetails" in answer:
            details = answer["exceptionDetails"]
            raise RuntimeError(
                details.get("exception", {}).get("description") or details["text"]
            )
        return answer.get("result", {}).get("value")

    def wait_for(self, expression, timeout=10):
        """The first truthy value of ``expression`` (true for an element),
        polled in the page every 10 ms; TimeoutError after ``timeout``
        seconds."""
        value = self.evaluate(
            f"""new Promise((resolve) => {{
                const end = performance.now() + {timeout * 1000};
                const poll = () => {{
                    let value = null;
                    try {{
                        value = {expression};
                    }} catch {{
                        // not there yet (the POS still loading, ...)
                    }}
                    if (value || performance.now() > end) {{
                        // An element found is true (it has no JSON value).
                        resolve(value instanceof Node || value || null);
                    }} else {{
                        setTimeout(poll, 10);
                    }}
                }};
                poll();
            }})""",
            await_promise=True,
        )
        if value is None:
            raise TimeoutError(f"not true after {timeout} s: {expression}")
        return value

    def click(self, selector, timeout=10):
        """Click the element ``selector`` once it is there."""
        self.wait_for(f"document.querySelector({json.dumps(selector)})", timeout)
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")

    def clock(self):
        """The page's clock (``performance.timeOrigin + now()``, ms) minus this
        process's wall clock at the call's midpoint, from the quickest of 20
        calls: what to subtract from the page's times to compare them with
        another page's."""
        best = None
        for __ in range(20):
            before = time.time()
            page = self.evaluate("performance.timeOrigin + performance.now()")
            after = time.time()
            if best is None or after - before < best[0]:
                best = (after - before, page - (before + after) / 2 * 1000)
        return best[1]

    def close(self):
        import shutil

        self.ws.close()
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


# The receiver's badge on its product screen: the Actions button's count.
BADGE = ".more-btn .o_pos_shop_sync_actions_badge"

# A product of the sender's screen a click puts on the cart as it is: no
# attribute to choose, no combo, no lot, no scale.
PICK_PRODUCT = """(() => {
    for (const card of document.querySelectorAll("article.product[data-product-id]")) {
        const product = posmodel.models["product.product"].get(
            Number(card.dataset.productId));
        if (product && !product.isConfigurable() && !product.isCombo()
                && !product.isTracked() && !product.to_weight) {
            return product.id;
        }
    }
})()"""


def target_selector(config_id):
    return f'.o_pos_shop_sync_target[data-id="{config_id}"]'


def stats(samples):
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)

    def pct(p):
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

    return {
        "n": len(samples),
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "mean": statistics.fmean(samples),
    }


def ms(seconds):
    return seconds * 1000


class Bench:
    def __init__(self, args):
        self.args = args
        self.url = f"http://127.0.0.1:{args.http_port}"
        self.ws_url = f"ws://127.0.0.1:{args.gevent_port}/websocket"
        self.results = {}
        self.anchor_log = []  # byte offsets of Odoo's log around the anchor
        self.admin = self.client()
        self.product_ids = self.admin.call(
            "product.product",
            "search",
            [["available_in_pos", "=", True], ["company_id", "in", [False, 1]]],
            limit=10,
        )
        products = self.admin.call(
            "product.product", "read", self.product_ids, ["taxes_id", "display_name"]
        )
        self.taxes = {p["id"]: p["taxes_id"] for p in products}
        self.names = {p["id"]: p["display_name"] for p in products}
        self.native_orders = 0
        self.badge_after = 0  # bench_badge's transfers: ids above this one

    def client(self):
        return Client(self.url, self.args.db, "admin", "admin")

    def cart(self, size=10):
        return [
            {
                "product_id": pid,
                "qty": 1.0 + n % 3,
                "price_unit": 10.0 + n,
                "discount": 5.0,
            }
            for n, pid in enumerate((self.product_ids * 10)[:size])
        ]

    def setup_terminals(self, receivers):
        """Shop 1 sends; `receivers` terminals (Shop 2, Shop 3, then new ones)
        receive; every session is open."""
        admin = self.admin
        shop_ids = {
            name: admin.call(
                "ir.model.data", "check_object_reference", "pos_shop_sync", xmlid
            )[1]
            for name, xmlid in (
                ("Shop 1", "pos_config_shop_1"),
                ("Shop 2", "pos_config_shop_2"),
                ("Shop 3", "pos_config_shop_3"),
            )
        }
        receiver_ids = [shop_ids["Shop 2"], shop_ids["Shop 3"]]
        bank_journal = admin.call(
            "account.journal", "search", [["type", "=", "bank"]], limit=1
        )[0]
        method = admin.call(
            "pos.payment.method",
            "create",
            {"name": "Bench Card", "journal_id": bank_journal},
        )
        for n in range(len(receiver_ids), receivers):
            receiver_ids.append(
                admin.call(
                    "pos.config",
                    "create",
                    {
                        "name": f"Bench Shop {n + 2}",
                        "shop_sync_can_receive": True,
                        "payment_method_ids": [[6, 0, [method]]],
                    },
                )
            )
        self.sender = shop_ids["Shop 1"]
        self.receivers = receiver_ids
        # A bench sends thousands of transfers from one terminal, and withdraws
        # hundreds: the company's limits at their highest.
        company_ids = admin.call("res.company", "search", [])
        admin.call(
            "res.company",
            "write",
            company_ids,
            {"shop_sync_max_pending": 10000, "shop_sync_max_actions_per_hour": 10000},
        )
        for config_id in [self.sender, *receiver_ids]:
            admin.call("pos.config", "open_ui", [config_id])
            session = admin.call(
                "pos.config", "read", [config_id], ["current_session_id"]
            )[0]
            admin.call(
                "pos.session",
                "set_opening_control",
                [session["current_session_id"][0]],
                0,
                "",
            )
        tokens = admin.call("pos.config", "read", receiver_ids, ["access_token"])
        self.tokens = {t["id"]: t["access_token"] for t in tokens}

    def send(self, client, targets, sync_type="assigned", size=10):
        return client.call(
            "pos.shop.sync",
            "send_from_ui",
            self.sender,
            {
                "uuid": str(uuid.uuid4()),
                "sync_type": sync_type,
                "target_config_ids": targets,
                "lines": self.cart(size),
            },
        )

    # 1. send -> notified
    def bench_send_notified(self, concurrency, samples):
        target = self.receivers[0]
        listener = Listener(self.ws_url, self.admin.session_id, self.tokens[target])
        time.sleep(1)  # subscription done
        clients = [self.client() for __ in range(concurrency)]
        latencies, rpc_times, lost = [], [], 0
        lock = threading.Lock()

        def one(client):
            nonlocal lost
            check_time()
            start = time.perf_counter()
            result = self.send(client, [target])
            returned = time.perf_counter()
            arrived = listener.wait_for("new", result["id"])
            with lock:
                rpc_times.append(returned - start)
                if arrived is None:
                    lost += 1
                else:
                    latencies.append(arrived - start)

        per_client = samples // concurrency
        with ThreadPoolExecutor(concurrency) as pool:
            list(
                pool.map(
                    lambda c: [one(c) for __ in range(per_client)],
                    clients,
                )
            )
        listener.close()
        label = "idle" if concurrency == 1 else f"{concurrency} concurrent senders"
        self.results[f"send_notified_{concurrency}"] = {
            "label": f"send → notified ({label})",
            "unit": "ms",
            **{k: ms(v) if k != "n" else v for k, v in stats(latencies).items()},
            "lost": lost,
        }
        self.results[f"send_rpc_{concurrency}"] = {
            "label": f"send RPC alone ({label})",
            "unit": "ms",
            **{k: ms(v) if k != "n" else v for k, v in stats(rpc_times).items()},
        }

    # 2. claim races
    def bench_races(self, claimers, rounds):
        receivers = self.receivers[:claimers]
        clients = [self.client() for __ in receivers]
        loser_times, double, no_winner, done = [], 0, 0, 0
        for __ in range(rounds):
            check_time()
            sync_id = self.send(self.admin, receivers, "broadcast", size=3)["id"]
            outcomes = self._race_round(clients, receivers, sync_id)
            winners = sum(1 for kind, __ in outcomes if kind == "won")
            double += winners > 1
            no_winner += winners == 0
            loser_times += [t for kind, t in outcomes if kind == "lost"]
            done += 1
        self.results[f"race_{claimers}"] = {
            "label": f"claim race, {claimers} claimers: losers answered",
            "unit": "ms",
            **{k: ms(v) if k != "n" else v for k, v in stats(loser_times).items()},
            "rounds": done,
            "double_claims": double,
            "rounds_without_winner": no_winner,
        }

    @staticmethod
    def _race_round(clients, receivers, sync_id):
        """Every receiver claims `sync_id` at once; return (outcome, seconds)."""
        barrier = threading.Barrier(len(receivers))
        outcomes = []

        def claim(client, config_id):
            barrier.wait(timeout=30)
            start = time.perf_counter()
            try:
                client.call("pos.shop.sync", "claim_from_ui", config_id, sync_id)
                outcomes.append(("won", time.perf_counter() - start))
            except RpcError:
                outcomes.append(("lost", time.perf_counter() - start))

        threads = [
            threading.Thread(target=claim, args=(c, r))
            for c, r in zip(clients, receivers, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        return outcomes

    # 3. claim throughput
    def bench_claim_throughput(self, cashiers, per_cashier):
        receivers = self.receivers[:cashiers]
        work = {
            r: [self.send(self.admin, [r], size=3)["id"] for __ in range(per_cashier)]
            for r in receivers
        }
        clients = {r: self.client() for r in receivers}

        def run(config_id):
            for sync_id in work[config_id]:
                check_time()
                clients[config_id].call(
                    "pos.shop.sync", "claim_from_ui", config_id, sync_id
                )

        start = time.perf_counter()
        with ThreadPoolExecutor(cashiers) as pool:
            list(pool.map(run, receivers))
        elapsed = time.perf_counter() - start
        total = cashiers * per_cashier
        self.results["claim_throughput"] = {
            "label": f"claims per second ({cashiers} cashiers, distinct transfers)",
            "unit": "claims/s",
            "n": total,
            "value": total / elapsed,
        }

    # 7. POS start-up with the lists full and empty
    # The POS started: its data loaded and the product screen drawn; and Shop
    # Sync's lists known (asked once the POS has loaded).
    STARTED = {
        "screen": "document.querySelector('.product-screen')",
        "lists": "window.posmodel?.shopSync?.lists.applied",
    }

    def bench_startup(self, waiting, history, loads):
        """Load Shop 2's POS in headless Chromium, ``loads`` times with
        ``waiting`` transfers waiting for it and ``loads`` times with its lists
        empty (the same transfers cancelled), interleaved (full, empty, empty,
        full, ...: a drift of the machine weighs on both alike), with
        ``history`` done transfers in the table either way: from navigation
        until the product screen is drawn and Shop Sync's lists are known, as
        the page measures it (``Chromium.load_timed``); and, apart, how long
        after the product screen the lists were known (the module's own part
        of a start-up, within the noise of the whole)."""
        receiver = self.receivers[0]
        template = self.send(self.admin, [receiver])["id"]
        db = Floor(self.args.db, [])
        db.clone(template, waiting, "pending")
        # Paid ones need an order to name: any order of the database, if any.
        past = "done" if db.has_orders() else "expired"
        db.clone(template, history, past)
        db.close()
        # The page's bus needs the websocket on its origin, as in production.
        proxy = Proxy(self.args.http_port, self.args.gevent_port)
        origin = f"http://127.0.0.1:{proxy.port}"
        browser = Chromium(origin, self.admin.session_id)
        url = f"{origin}/pos/ui?config_id={receiver}"
        times = {"full": [], "empty": []}
        after = {"full": [], "empty": []}
        try:
            browser.open_pos(url)  # past "Open Register", if shown
            for __ in range(3):  # assets built and cached, caches warm
                browser.load_timed(url, self.STARTED)
            for n in range(loads * 2):
                check_time()
                kind = "full" if n % 4 in (0, 3) else "empty"
                db = Floor(self.args.db, [])
                db.set_waiting(receiver, kind == "full")
                db.close()
                marks = browser.load_timed(url, self.STARTED)
                times[kind].append(max(marks.values()))
                after[kind].append(max(0.0, marks["lists"] - marks["screen"]))
        finally:
            browser.close()
            proxy.close()
            # The next steps start with these lists empty (and Shop 1 below
            # its limit of pending transfers).
            db = Floor(self.args.db, [])
            db.set_waiting(receiver, False)
            db.close()
            self.admin.call("pos.shop.sync", "action_shop_sync_cancel", [template])
        for kind, label in (
            ("full", f"POS start-up, {waiting} waiting and {history} {past}"),
            ("empty", f"POS start-up, lists empty ({history} {past})"),
        ):
            self.results[f"startup_{kind}"] = {
                "label": label,
                "unit": "ms",
                **{k: ms(v) if k != "n" else v for k, v in stats(times[kind]).items()},
            }
            self.results[f"startup_{kind}_lists"] = {
                "label": f"the same, lists known after the product screen ({kind})",
                "unit": "ms",
                **{k: ms(v) if k != "n" else v for k, v in stats(after[kind]).items()},
            }

    # 6. the herd: every listening terminal knows at once
    def bench_herd(self, terminals, rounds):
        """One broadcast to ``terminals`` receivers a round, each on its own
        websocket applying the message as the POS does (no list is read);
        in the same run, Odoo's bare fan-out floor to the same channels: bus
        rows and a NOTIFY written directly, as any commit does."""
        receivers = self.receivers[:terminals]
        listeners = [
            Listener(self.ws_url, self.admin.session_id, self.tokens[receiver])
            for receiver in receivers
        ]
        time.sleep(2)  # every subscription done
        sender = self.client()
        floor = Floor(self.args.db, [self.tokens[r] for r in receivers])
        results = {"all": [], "one": [], "rpc": [], "floor_all": [], "floor_one": []}
        lost = floor_lost = 0
        try:
            for n in range(rounds):
                check_time()
                start = time.perf_counter()
                floor.fan_out(n)
                arrivals = [listener.wait_for("floor", n) for listener in listeners]
                if None in arrivals:
                    floor_lost += 1
                else:
                    results["floor_all"].append(max(arrivals) - start)
                    results["floor_one"].append(min(arrivals) - start)
                start = time.perf_counter()
                sync_id = self.send(sender, receivers, "broadcast")["id"]
                results["rpc"].append(time.perf_counter() - start)
                arrivals = [listener.wait_for("new", sync_id) for listener in listeners]
                if None in arrivals or not all(
                    sync_id in listener.lists.get("incoming", ())
                    for listener in listeners
                ):
                    lost += 1
                else:
                    results["all"].append(max(arrivals) - start)
                    results["one"].append(min(arrivals) - start)
                # Withdrawn at once: the next round's lists are as this one's.
                self.admin.call("pos.shop.sync", "cancel_from_ui", self.sender, sync_id)
        finally:
            floor.close()
            for listener in listeners:
                listener.close()
        labels = {
            "all": f"herd: send click until all {terminals} terminals know",
            "one": "herd: send click until the first terminal knows",
            "rpc": f"herd: the send RPC alone (broadcast to {terminals})",
            "floor_all": f"herd floor: bus rows + NOTIFY until all {terminals} know",
            "floor_one": "herd floor: until the first terminal knows",
        }
        for key, label in labels.items():
            self.results[f"herd_{key}"] = {
                "label": label,
                "unit": "ms",
                **{k: ms(v) if k != "n" else v for k, v in stats(results[key]).items()},
                "lost": floor_lost if key.startswith("floor") else lost,
            }

    # 8. in the browser: Send click until the receiver's badge shows it
    def bench_badge(self, rounds, terminals):
        """Shop 1's POS and Shop 2's POS in two headless Chromium processes
        (neither a background tab): each round, a product on Shop 1's cart,
        Actions, Send Order, the receivers, Send; from that click until Shop 2's
        Actions badge shows the new count in its DOM (a MutationObserver).
        Three variants: a send assigned to Shop 2 with no other terminal on the
        bus; then, with ``terminals - 1`` more terminals each listening on its
        own websocket, a send assigned to Shop 2 (which tells none of them) and
        a broadcast to Shop 2 and all of them, interleaved round by round so
        that both see the same machine. Each transfer is withdrawn (a manager's
        cancel) before the next round: every round's receiver counts the
        same."""
        receiver = self.receivers[0]
        others = self.receivers[1:terminals]
        # The transfers this step sends: above the newest one before it.
        self.badge_after = (
            self.admin.call("pos.shop.sync", "search", [], limit=1, order="id desc")
            or [0]
        )[0]
        # The pages' bus needs the websocket on their origin, as in production.
        proxy = Proxy(self.args.http_port, self.args.gevent_port)
        url = f"http://127.0.0.1:{proxy.port}"
        sender = Chromium(url, self.admin.session_id)
        receiving = Chromium(url, self.admin.session_id)
        listeners = []
        try:
            for page, config_id in ((sender, self.sender), (receiving, receiver)):
                page.open_pos(f"{url}/pos/ui?config_id={config_id}")
            # When the receiver's page has each new transfer's bus message (its
            # handler runs after the POS's own).
            receiving.evaluate(
                """window.benchHeard = {};
                posmodel.bus.subscribe(`${odoo.access_token}-SHOP_SYNC`, (message) => {
                    if (message.event === "new") {
                        const at = performance.timeOrigin + performance.now();
                        benchHeard[message.id] = at;
                    }
                });
                true"""
            )
            # The two processes' clocks, as each page reads them, against ours.
            skew = receiving.clock() - sender.clock()
            product = sender.wait_for(PICK_PRODUCT)
            variants, samples = {}, {}

            def run(phase):
                variants.update(phase)
                for key in phase:
                    samples[key] = {
                        "badge": [],
                        "heard": [],
                        "rpc": [],
                        "lost": 0,
                        "missed": 0,
                    }
                for __ in range(rounds):
                    for key, (__, targets, told) in phase.items():
                        check_time()
                        badge, heard, rpc, sync_ids = self._badge_round(
                            (sender, receiving), product, targets
                        )
                        times = samples[key]
                        if badge is None:
                            times["lost"] += 1
                        else:
                            times["badge"].append(badge - skew)
                        if heard is not None:
                            times["heard"].append(heard - skew)
                        times["rpc"].append(rpc)
                        times["missed"] += sum(
                            listener.wait_for("new", sync_id) is None
                            for listener in told
                            for sync_id in sync_ids
                        )

            # First the receiver alone on the bus (besides the sender)...
            run({"alone": ("receiver alone", [receiver], ())})
            # ... then with the others listening, each on its own websocket:
            # a send assigned to the receiver (which tells none of them) and a
            # broadcast to all, interleaved round by round.
            listeners = [
                Listener(self.ws_url, self.admin.session_id, self.tokens[other])
                for other in others
            ]
            time.sleep(2)  # every subscription done
            run(
                {
                    "assigned": (
                        f"assigned to it, {len(others)} more terminals listening",
                        [receiver],
                        (),
                    ),
                    str(terminals): (
                        f"broadcast to it and {len(others)} more terminals",
                        [receiver, *others],
                        listeners,
                    ),
                }
            )
        finally:
            for listener in listeners:
                listener.close()
            sender.close()
            receiving.close()
            proxy.close()
        for key, (label, __, told) in variants.items():
            self._badge_results(key, label, samples[key], skew, bool(told))

    def _badge_results(self, key, label, times, skew, listening):
        self.results[f"badge_{key}"] = {
            "label": (
                f"Send click until the receiver's badge shows it (Chromium, {label})"
            ),
            "unit": "ms",
            **stats(times["badge"]),
            "lost": times["lost"],
            "goal_ms": 150,
            "variant": label,
            "clock_skew_ms": round(skew, 2),
        }
        if listening:
            self.results[f"badge_{key}"]["listeners_missed"] = times["missed"]
        self.results[f"badge_{key}_heard"] = {
            "label": (
                f"the same, until the receiver's page has the bus message ({label})"
            ),
            "unit": "ms",
            **stats(times["heard"]),
        }
        self.results[f"badge_{key}_rpc"] = {
            "label": f"the send request as the sender's page sees it ({label})",
            "unit": "ms",
            **stats(times["rpc"]),
        }

    def _badge_round(self, pages, product, targets, timeout=10):
        """One send through the sender's UI. Returns the milliseconds from the
        Send click until the receiver's badge shows it (None after ``timeout``
        seconds) and until its page has the bus message (None if never), the
        send request's milliseconds in the sender's page, and the transfers
        sent."""
        sender, receiving = pages
        sync_type = "assigned" if len(targets) == 1 else "broadcast"
        sender.wait_for(
            "document.querySelector('.product-screen')"
            " && !document.querySelector('.modal')"
        )
        sender.click(f'article.product[data-product-id="{product}"]')
        sender.wait_for("posmodel.get_order().lines.length")
        sender.click(".more-btn")
        sender.click(".o_pos_shop_sync_send_button")
        sender.click(f".o_pos_shop_sync_{sync_type}")
        sender.wait_for(f"document.querySelector('{target_selector(targets[-1])}')")
        sender.evaluate(
            f"""for (const id of {json.dumps(targets)}) {{
                    const target = document.querySelector(
                        `.o_pos_shop_sync_target[data-id="${{id}}"]:not(.active)`);
                    if (target) {{
                        target.click();
                    }}
                }}"""
        )
        sender.wait_for(
            "document.querySelectorAll('.o_pos_shop_sync_target.active').length"
            f" === {len(targets)}"
            " && document.querySelector("
            "'.o_pos_shop_sync_send_confirm:not([disabled])')"
        )
        # The receiver's count now, its badge drawn; then watched for one more.
        count = receiving.wait_for(
            f"""(() => {{
                const count = posmodel.shopSync.lists.size("incoming");
                const badge = document.querySelector("{BADGE}");
                const shown = badge ? badge.textContent.trim() : "0";
                return shown === String(count) && {{count}};
            }})()"""
        )["count"]
        receiving.evaluate(
            f"""window.benchBadge = new Promise((resolve) => {{
                const observer = new MutationObserver(() => {{
                    const at = performance.timeOrigin + performance.now();
                    const badge = document.querySelector("{BADGE}");
                    if (badge && badge.textContent.trim() === "{count + 1}") {{
                        finish(at);
                    }}
                }});
                const timer = setTimeout(() => finish(null), {timeout * 1000});
                function finish(at) {{
                    observer.disconnect();
                    clearTimeout(timer);
                    resolve(at);
                }}
                observer.observe(document.body, {{
                    childList: true, subtree: true, characterData: true}});
            }});
            true"""
        )
        clicked = sender.evaluate(
            """(() => {
                performance.clearResourceTimings();
                const send = document.querySelector(".o_pos_shop_sync_send_confirm");
                const at = performance.timeOrigin + performance.now();
                send.click();
                return at;
            })()"""
        )
        shown = receiving.evaluate("window.benchBadge", await_promise=True)
        rpc_time = sender.wait_for(
            """(() => {
                const request = performance.getEntriesByType("resource").find(
                    (entry) => entry.name.includes("/pos.shop.sync/send_from_ui"));
                return request && request.responseEnd
                    && request.responseEnd - request.startTime;
            })()"""
        )
        sender.wait_for("!document.querySelector('.o_pos_shop_sync_send')")
        # Withdrawn: a manager's cancel, not counted in the hourly limit.
        sync_ids = self.admin.call(
            "pos.shop.sync",
            "search",
            [
                ["id", ">", self.badge_after],
                ["sender_config_id", "=", self.sender],
                ["state", "=", "pending"],
            ],
        )
        heard = receiving.evaluate(f"benchHeard[{max(sync_ids, default=0)}] || null")
        self.admin.call("pos.shop.sync", "action_shop_sync_cancel", sync_ids)
        receiving.wait_for(f"posmodel.shopSync.lists.size('incoming') === {count}")
        return (
            shown - clicked if shown else None,
            heard - clicked if heard else None,
            rpc_time,
            sync_ids,
        )

    # 4. incoming list at scale
    def bench_incoming(self, pending, samples):
        receivers = self.receivers[:3]
        existing = self.admin.call(
            "pos.shop.sync", "search_count", [["state", "=", "pending"]]
        )
        clients = [self.client() for __ in range(4)]

        def fill(index):
            client = clients[index % len(clients)]
            check_time()
            self.send(client, [receivers[index % len(receivers)]], size=10)

        with ThreadPoolExecutor(4) as pool:
            list(pool.map(fill, range(max(0, pending - existing))))
        total = self.admin.call(
            "pos.shop.sync", "search_count", [["state", "=", "pending"]]
        )
        client = self.client()
        times, size, count = [], 0, 0
        for __ in range(samples):
            check_time()
            start = time.perf_counter()
            incoming = client.call(
                "pos.shop.sync", "get_incoming", receivers[0], with_lines=False
            )
            times.append(time.perf_counter() - start)
            size, count = client.last_size, len(incoming)
        client.call("pos.shop.sync", "get_incoming", receivers[0])
        full_size = client.last_size
        self.results["incoming"] = {
            "label": (
                f"get_incoming as the POS calls it (no lines), {total} pending, "
                f"{count} for this terminal"
            ),
            "unit": "ms",
            **{k: ms(v) if k != "n" else v for k, v in stats(times).items()},
            "response_bytes": size,
            "with_lines_bytes": full_size,
        }

    # 5. anchor: Odoo's own draft save of the same carts
    def bench_anchor(self, samples):
        client = self.client()
        session = self.admin.call(
            "pos.config", "read", [self.sender], ["current_session_id"]
        )[0]["current_session_id"][0]
        ours, native, native_pos, floor = [], [], [], []
        self.anchor_log = [os.path.getsize(self.args.log)]
        for n in range(samples):
            check_time()
            start = time.perf_counter()
            client.call("res.partner", "search_count", [])
            floor.append(time.perf_counter() - start)
            start = time.perf_counter()
            self.send(client, [self.receivers[0]])
            ours.append(time.perf_counter() - start)
            start = time.perf_counter()
            self.save_native_draft(client, session, f"bench-{n}", pos_lines=False)
            native.append(time.perf_counter() - start)
            start = time.perf_counter()
            self.save_native_draft(client, session, f"bench-pos-{n}", pos_lines=True)
            native_pos.append(time.perf_counter() - start)
        time.sleep(1)  # the last requests' log lines written
        self.anchor_log.append(os.path.getsize(self.args.log))
        self.results["anchor_floor"] = {
            "label": "trivial authenticated RPC (res.partner.search_count)",
            "unit": "ms",
            **{k: ms(v) if k != "n" else v for k, v in stats(floor).items()},
        }
        self.results["anchor_ours"] = {
            "label": "send_from_ui, 10 lines",
            "unit": "ms",
            **{k: ms(v) if k != "n" else v for k, v in stats(ours).items()},
        }
        self.results["anchor_native"] = {
            "label": "native pos.order.sync_from_ui draft, 10 lines",
            "unit": "ms",
            **{k: ms(v) if k != "n" else v for k, v in stats(native).items()},
        }
        self.results["anchor_native_pos_lines"] = {
            "label": "the same, lines with every field the POS serializes",
            "unit": "ms",
            **{k: ms(v) if k != "n" else v for k, v in stats(native_pos).items()},
        }

    def save_native_draft(self, client, session, name, pos_lines):
        """Save the cart as a draft ``pos.order`` through ``sync_from_ui``.

        :param pos_lines: False sends each line's amounts and taxes only; True
            sends every field the POS serializes for a new line (the fields of
            ``pos.order.line._load_pos_data_fields`` that are neither related
            nor computed, x2many fields as commands: ``serialize({orm: true})``
            in point_of_sale/static/src/app/models/related_models.js)
        """
        lines = []
        for line in self.cart():
            product_id = line["product_id"]
            values = {
                "product_id": product_id,
                "qty": line["qty"],
                "price_unit": line["price_unit"],
                "discount": line["discount"],
                "price_subtotal": 0,
                "price_subtotal_incl": 0,
                # as the POS sends them: the product's taxes
                "tax_ids": [[6, 0, self.taxes[product_id]]],
            }
            if pos_lines:
                values |= {
                    "uuid": str(uuid.uuid4()),
                    "full_product_name": self.names[product_id],
                    "tax_ids": [[4, tax_id] for tax_id in self.taxes[product_id]],
                    "attribute_value_ids": [],
                    "custom_attribute_value_ids": [],
                    "pack_lot_ids": [],
                    "combo_line_ids": [],
                    "refund_orderline_ids": [],
                    "skip_change": False,
                    "note": "",
                    "customer_note": "",
                    "price_type": "original",
                    "price_extra": 0.0,
                    "refunded_orderline_id": False,
                    "combo_parent_id": False,
                    "combo_item_id": False,
                }
            lines.append([0, 0, values])
        self.native_orders += 1
        client.call(
            "pos.order",
            "sync_from_ui",
            [
                {
                    "uuid": str(uuid.uuid4()),
                    "name": f"Order {name}",
                    "session_id": session,
                    "state": "draft",
                    "lines": lines,
                    "amount_paid": 0,
                    "amount_return": 0,
                    "amount_tax": 0,
                    "amount_total": 0,
                    "payment_ids": [],
                    "sequence_number": self.native_orders,
                    "user_id": client.uid,
                    "pricelist_id": False,
                    "partner_id": False,
                    "fiscal_position_id": False,
                    "date_order": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
                    "last_order_preparation_change": "{}",
                }
            ],
            context={"config_id": self.sender, "login_number": 0},
            tag="pos_lines" if pos_lines else "",
        )


# The requests of the side-by-side run (bench_anchor), with their URL tag.
REQUEST_METHODS = (
    "send_from_ui",
    "sync_from_ui",
    "sync_from_ui/pos_lines",
    "search_count",
)


def request_costs(log_path, start, end):
    """Median server-side cost per request of each method, from the werkzeug
    lines of Odoo's log ("... 200 - <queries> <sql s> <other s>") between the
    byte offsets ``start`` and ``end``: queries, time in SQL and the rest of
    the server's time (Python), in ms."""
    pattern = re.compile(
        r'call_kw/([\w.]+)/(\w+(?:/\w+)?) HTTP/1.1" 200 - (\d+) ([\d.]+) ([\d.]+)'
    )
    costs = {}
    with open(log_path, "rb") as log:
        log.seek(start)
        lines = log.read(end - start).decode("utf-8", errors="replace")
        for line in lines.splitlines():
            match = pattern.search(line)
            if match and match.group(2) in REQUEST_METHODS:
                queries, sql, other = match.group(3, 4, 5)
                costs.setdefault(match.group(2), []).append(
                    (int(queries), float(sql) * 1000, float(other) * 1000)
                )
    return {
        method: {
            "requests": len(rows),
            "queries": statistics.median(r[0] for r in rows),
            "sql_ms": statistics.median(r[1] for r in rows),
            "other_ms": statistics.median(r[2] for r in rows),
        }
        for method, rows in costs.items()
    }


def machine():
    cpu = platform.processor()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "python": platform.python_version()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--http-port", type=int, required=True)
    parser.add_argument("--gevent-port", type=int, required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--json", required=True)
    parser.add_argument("--odoo-version", default="")
    parser.add_argument("--pg-version", default="")
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=500)
    parser.add_argument("--pending", type=int, default=1000)
    parser.add_argument("--herd-terminals", type=int, default=50)
    parser.add_argument("--herd-rounds", type=int, default=30)
    parser.add_argument("--startup-loads", type=int, default=30)
    parser.add_argument("--badge-rounds", type=int, default=30)
    parser.add_argument(
        "--only", default="", help="comma-separated steps to run (herd, incoming, …)"
    )
    args = parser.parse_args()

    bench = Bench(args)
    bench.setup_terminals(receivers=max(10, args.herd_terminals))
    steps = {
        # First, with the fewest transfers in the table.
        "herd": lambda: bench.bench_herd(args.herd_terminals, args.herd_rounds),
        "startup": lambda: bench.bench_startup(1000, 10000, args.startup_loads),
        "badge": lambda: bench.bench_badge(args.badge_rounds, args.herd_terminals),
        # While the only pending transfers are its own 1,000.
        "incoming": lambda: bench.bench_incoming(args.pending, args.samples),
        "notified": lambda: bench.bench_send_notified(1, args.samples),
        "notified10": lambda: bench.bench_send_notified(10, args.samples),
        "anchor": lambda: bench.bench_anchor(args.samples),
        "claims": lambda: bench.bench_claim_throughput(10, max(1, args.samples // 10)),
        **{
            f"races{k}": lambda k=k: bench.bench_races(k, args.rounds)
            for k in (2, 5, 10)
        },
    }
    only = set(filter(None, args.only.split(",")))
    failed = []
    for name, step in steps.items():
        if only and name not in only:
            continue
        try:
            step()
        except TimeUp:
            print("time limit reached: the remaining figures were not measured")
            break
        except Exception:  # noqa: BLE001 - the other steps' figures still count
            traceback.print_exc()
            print(f"step {name} failed: its figures are missing")
            failed.append(name)

    with open(args.log, encoding="utf-8", errors="replace") as log:
        retries = sum("SERIALIZATION_FAILURE" in line for line in log)
    costs = (
        request_costs(args.log, *bench.anchor_log) if len(bench.anchor_log) == 2 else {}
    )
    report = {
        "machine": machine(),
        "odoo": args.odoo_version,
        "postgresql": args.pg_version,
        "results": bench.results,
        "serialization_retries_logged": retries,
        "server_cost_per_request": costs,
        "failed_steps": failed,
    }
    with open(args.json, "w", encoding="utf-8") as out:
        json.dump(report, out, indent=2)
    print_table(report)
    if failed:
        print(f"FAILED steps: {', '.join(failed)}")
        sys.exit(1)


def print_table(report):
    m = report["machine"]
    print(
        f"\nMachine: {m['cores']} cores, {m['cpu']}; {report['odoo']}; "
        f"PostgreSQL {report['postgresql']}\n"
    )
    print("| figure | p50 | p95 | p99 | samples | notes |")
    print("| --- | --- | --- | --- | --- | --- |")
    for result in report["results"].values():
        if "value" in result:
            print(
                f"| {result['label']} | {result['value']:.1f} {result['unit']} | | | "
                f"{result['n']} | |"
            )
            continue
        notes = ", ".join(
            f"{k.replace('_', ' ')}: {v}"
            for k, v in result.items()
            if k
            in (
                "lost",
                "double_claims",
                "rounds_without_winner",
                "response_bytes",
                "with_lines_bytes",
                "rounds",
                "listeners_missed",
            )
        )
        if result["n"]:
            print(
                f"| {result['label']} | {result['p50']:.0f} ms "
                f"| {result['p95']:.0f} ms | {result['p99']:.0f} ms "
                f"| {result['n']} | {notes} |"
            )
        else:
            print(f"| {result['label']} | | | | 0 | {notes} |")
    results = report["results"]
    costs = report["server_cost_per_request"]
    if costs:
        print(
            "\nServer-side cost per request while the anchor ran (idle), as Odoo"
            " logs it (medians):\n"
        )
        print("| method | requests | queries | SQL time | other server time |")
        print("| --- | --- | --- | --- | --- |")
        for method, cost in costs.items():
            print(
                f"| {method} | {cost['requests']} | {cost['queries']:.0f} "
                f"| {cost['sql_ms']:.1f} ms | {cost['other_ms']:.1f} ms |"
            )
    for native_key, method, anchor in (
        ("anchor_native", "sync_from_ui", "native draft save"),
        ("anchor_native_pos_lines", "sync_from_ui/pos_lines", "the same, POS lines"),
    ):
        print_ratios(results, costs, native_key, method, anchor)
    print_herd_goals(results)
    print_startup_goal(results)
    print_badge_goals(results)
    retries = report["serialization_retries_logged"]
    print(f"serialization failures logged by the server: {retries}")


def print_startup_goal(results):
    """POS start-up with the lists full within 5 % of the same with them
    empty (medians)."""
    full, empty = results.get("startup_full", {}), results.get("startup_empty", {})
    if not (full.get("n") and empty.get("n")):
        return
    added = full["p50"] / empty["p50"] - 1
    print(
        f"\nPOS start-up (p50): {full['p50']:.0f} ms with the lists full, "
        f"{empty['p50']:.0f} ms with them empty: {added:+.1%} "
        f"(goal ≤ +5 %: {'met' if added <= 0.05 else 'NOT met'})"
    )


def print_herd_goals(results):
    """The herd's goals: all terminals know within 200 ms (p95), and what the
    fan-out adds to the send is at most 1.3 times Odoo's own floor."""
    herd, rpc, floor = (
        results.get(f"herd_{key}", {}) for key in ("all", "rpc", "floor_all")
    )
    if not (herd.get("n") and rpc.get("n") and floor.get("n")):
        return
    print(
        f"\nherd, all terminals know (p95): {herd['p95']:.0f} ms "
        f"(goal ≤ 200 ms: {'met' if herd['p95'] <= 200 else 'NOT met'})"
    )
    added = herd["p95"] - rpc["p95"]
    print(
        f"herd, all know minus the send RPC (p95): {herd['p95']:.0f} - "
        f"{rpc['p95']:.0f} = {added:.0f} ms; floor p95 {floor['p95']:.0f} ms; "
        f"ratio {added / floor['p95']:.2f} "
        f"(goal ≤ 1.3: {'met' if added <= 1.3 * floor['p95'] else 'NOT met'})"
    )


def print_badge_goals(results):
    """The browser's goal: the receiver's badge within 150 ms of the Send
    click (p95), alone and with the other terminals listening."""
    goals = [result for result in results.values() if "goal_ms" in result]
    if goals:
        print()
    for result in goals:
        goal, variant = result["goal_ms"], result["variant"]
        met = bool(result["n"]) and not result["lost"] and result["p95"] <= goal
        shown = f"{result['p95']:.0f} ms" if result["n"] else "no sample"
        print(
            f"badge p95 ≤ {goal} ms ({variant}): {shown}, lost {result['lost']}: "
            f"{'met' if met else 'NOT met'} (the two pages' clocks "
            f"{result['clock_skew_ms']:+.1f} ms apart, taken off)"
        )


def print_ratios(results, costs, native_key, method, anchor):
    """Our send as a fraction of one native save: time, queries, server time."""
    print()
    if "anchor_ours" in results and results.get(native_key, {}).get("n"):
        ours, native = results["anchor_ours"]["p50"], results[native_key]["p50"]
        floor = results["anchor_floor"]["p50"]
        print(f"send / {anchor}, time (p50): {ours / native:.2f}")
        print(
            f"send / {anchor}, time above a trivial RPC (p50): "
            f"({ours:.0f} - {floor:.0f}) / ({native:.0f} - {floor:.0f}) = "
            f"{(ours - floor) / (native - floor):.2f}"
        )
    ours, native = costs.get("send_from_ui"), costs.get(method)
    if ours and native:
        print(
            f"send / {anchor}, queries (median): "
            f"{ours['queries']:.0f} / {native['queries']:.0f} = "
            f"{ours['queries'] / native['queries']:.2f}"
        )
        ours_ms = ours["sql_ms"] + ours["other_ms"]
        native_ms = native["sql_ms"] + native["other_ms"]
        print(
            f"send / {anchor}, server time (median SQL + other): "
            f"{ours_ms:.0f} ms / {native_ms:.0f} ms = {ours_ms / native_ms:.2f}"
        )


if __name__ == "__main__":
    main()
