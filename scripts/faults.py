"""Live fault test: two Odoo servers on one database, as behind a load balancer.

Started by scripts/faults.sh, which installs the module with its demo shops and
passes the Odoo command line. This script starts both servers itself (HTTP
workers and the gevent websocket process each, one shared data folder), so that
it can kill them:

- every call of the carts is made by ordinary cashiers (Point of Sale users,
  one per terminal; only the setup and the final count use the administrator):
  carts are sent from Shop 1 through server A, accepted by Shop 2 and Shop 3
  through both servers, opened on an order (``hold_from_ui``), paid, recalled;
  some carts are accepted and paid by two devices of the receiving terminal at
  once (one on each server, as two browser tabs): one must pay it, the other
  must be told where it is open; websocket listeners of the three terminals
  are connected to both servers;
- meanwhile an HTTP worker of server A is killed (SIGKILL) while it serves a
  send, then one serving a claim, then one serving a payment: each call is of
  a cart of the fault's own, made from a device of its own (found by its
  loopback address among the worker's open connections), and waits in its
  worker for a lock the test holds meanwhile; then the whole of server B is
  killed (restarted a few seconds later), and PostgreSQL is restarted once
  (immediate mode: a crash and its recovery);
- every call whose answer is lost is retried with the same arguments, as a POS
  does (a send by its client reference, a payment by its order's uuid); lost
  answers are counted by kind of call, and each of send, claim and pay must
  have lost at least one.

Afterwards every cart must be in exactly one place (a pending transfer, a
claimed transfer, a paid order, or a recalled transfer), none twice: a paid
order is found by the cart's lines (each cart has its own quantities), not by
the module's link; every notification of a committed change must have reached
every listener (which resubscribes from the last notification it saw after a
lost connection). Prints the counts; exits 1 when any is wrong. Loopback only,
bounded in count and time.
"""

import argparse
import itertools
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import psutil
import requests
import websocket
from bench import Client, RpcError

DEADLINE = time.monotonic() + 15 * 60
# Server errors that mean "the answer is lost, the call may or may not have
# committed": the database went away under the worker.
TRANSIENT_ERRORS = ("psycopg2.", "OperationalError", "InterfaceError")
# What each cart goes through, by its number modulo 7: the final place, the
# receiving terminal, and the servers its devices accept (and pay) it through:
# two devices race for the cart when there are two.
PLANS = {
    0: ("pending", None, ()),
    1: ("claimed", "Shop 2", ("A",)),
    2: ("done", "Shop 3", ("B",)),
    3: ("cancelled", None, ()),
    4: ("done", "Shop 2", ("A",)),
    5: ("done", "Shop 3", ("A", "B")),
    6: ("done", "Shop 2", ("B", "A")),
}
# What the fault test kills a worker of server A serving: a send, a claim, a
# payment, each of a cart of its own, while the call waits for a lock the test
# holds (these calls are served in a few milliseconds, fewer than it takes to
# find their worker): the lock that serializes the sends of one client
# reference (see _shop_sync_sent_with), the transfer's row. By kind of call:
# the terminal that makes it, the lock, the cart's final place.
HELD_CALLS = {
    "send": (
        "Shop 1",
        "SELECT pg_advisory_xact_lock(hashtextextended("
        "'pos.shop.sync:' || %(ref)s, 0))",
        "pending",
    ),
    "claim": (
        "Shop 2",
        "SELECT id FROM pos_shop_sync WHERE id = %(sync)s FOR NO KEY UPDATE",
        "claimed",
    ),
    "pay": (
        "Shop 2",
        "SELECT id FROM pos_shop_sync WHERE id = %(sync)s FOR NO KEY UPDATE",
        "done",
    ),
}
# The kinds of call that must each have lost an answer, and the cart calls'
# kinds by method.
LOST_KINDS = ("send", "claim", "pay")
KINDS = {
    "send_from_ui": "send",
    "claim_from_ui": "claim",
    "hold_from_ui": "hold",
    "sync_from_ui": "pay",
    "cancel_from_ui": "recall",
}
# How the server tells a second device where the accepted cart is open.
HELD_TEXT = "is already open on order"
CASHIER_PASSWORD = "faults-cashier-password"  # noqa: S105 (a scratch database)
EVENTS = {
    "pending": {"new"},
    "claimed": {"new", "claimed"},
    "done": {"new", "claimed", "done"},
    "cancelled": {"new", "cancelled"},
}
# The events only the terminal that accepted the transfer is told of (the
# others' lists do not change); every terminal of the cart is told of the rest.
RECEIVER_ONLY_EVENTS = {"done"}


def add_expected_events(expected, sync):
    """Add to ``expected`` (``{terminal id: {(event, transfer id)}}``) what
    each terminal must have been told of transfer ``sync`` (a dict read)."""
    receiver = sync["receiver_config_id"] and sync["receiver_config_id"][0]
    for event in EVENTS[sync["state"]]:
        for terminal, events in expected.items():
            if event not in RECEIVER_ONLY_EVENTS or terminal == receiver:
                events.add((event, sync["id"]))


def time_left():
    return DEADLINE - time.monotonic()


class Server:
    """One Odoo server (a prefork master, its HTTP workers, its gevent process)."""

    def __init__(self, name, command, http_port, gevent_port, log):
        self.name = name
        self.command = [
            *command,
            "--workers=2",
            "--max-cron-threads=0",
            f"--http-port={http_port}",
            f"--gevent-port={gevent_port}",
            f"--logfile={log}",
            "--log-level=warn",
        ]
        self.log = log
        self.http_port = http_port
        self.url = f"http://127.0.0.1:{http_port}"
        self.ws_url = f"ws://127.0.0.1:{gevent_port}/websocket"
        self.process = None

    def start(self):
        # What the processes print besides their log (the websocket process's
        # greenlet errors when it is killed) goes to the log too.
        with open(self.log, "ab") as output:
            self.process = subprocess.Popen(
                self.command,
                start_new_session=True,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        for __ in range(120):
            try:
                requests.get(self.url + "/web/login", timeout=5).raise_for_status()
                return
            except requests.RequestException:
                time.sleep(0.5)
        raise RuntimeError(f"server {self.name} did not start")

    def worker_serving(self, client_ip):
        """The HTTP worker with an open connection from ``client_ip``: a
        prefork worker serves one request per connection, so it is serving a
        request of that client (None when none is)."""
        for child in psutil.Process(self.process.pid).children():
            try:
                if "gevent" in child.cmdline():  # the websocket process
                    continue
                connections = getattr(child, "net_connections", child.connections)
                for connection in connections(kind="tcp"):
                    if (
                        connection.status == psutil.CONN_ESTABLISHED
                        and connection.laddr.port == self.http_port
                        and connection.raddr
                        and connection.raddr.ip == client_ip
                    ):
                        return child
            except psutil.Error:
                continue
        return None

    def kill(self):
        """SIGKILL the whole server: master, workers and websocket process."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


class ResilientClient:
    """A cashier's browser: one login, every call retried while its answer is
    lost. Its connections come from its own loopback address ``source_ip``."""

    def __init__(self, server, db, login, password, source_ip):
        self.server = server
        self.db = db
        self.source_ip = source_ip
        # Answers lost once the request was sent (cut, or a database error),
        # by kind of call; connections refused (nothing was sent) apart.
        self.lost = Counter()
        self.refused_connections = 0
        self.in_flight = Counter()  # kind of call -> requests under way
        self.lock = threading.Lock()
        self.client = self._retry(
            "login", lambda: Client(server.url, db, login, password, source_ip)
        )

    def _retry(self, kind, call):
        while True:
            with self.lock:
                self.in_flight[kind] += 1
            try:
                return call()
            except requests.ConnectionError as error:
                if "refused" in str(error).lower():
                    self.refused_connections += 1
                else:
                    self.lost[kind] += 1  # cut while the request was served
            except (requests.RequestException, ValueError):
                self.lost[kind] += 1  # a timeout, a 502, a body that is not JSON
            except RpcError as error:
                if not any(part in error.name for part in TRANSIENT_ERRORS):
                    raise
                self.lost[kind] += 1
            finally:
                with self.lock:
                    self.in_flight[kind] -= 1
            if time_left() < 0:
                raise TimeoutError("time limit reached while retrying")
            time.sleep(0.5)

    def call(self, model, method, *args, **kwargs):
        kind = KINDS.get(method, method)
        return self._retry(
            kind, lambda: self.client.call(model, method, *args, **kwargs)
        )


class Listener:
    """A websocket client on one terminal's channel, reconnecting after a cut
    and resubscribing from the last notification it received (as the bus
    service of a POS does)."""

    def __init__(self, server, session_id, channel, terminal):
        self.server = server
        self.terminal = terminal
        self.session_id = session_id
        self.channel = channel
        self.last = 0
        self.events = set()
        self.reconnects = 0
        self.ws = None
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stopped.is_set() and time_left() > 0:
            try:
                self.ws = ws = websocket.create_connection(
                    self.server.ws_url,
                    cookie=f"session_id={self.session_id}",
                    origin=self.server.url,
                    timeout=5,
                )
                ws.send(
                    json.dumps(
                        {
                            "event_name": "subscribe",
                            "data": {"channels": [self.channel], "last": self.last},
                        }
                    )
                )
                self._receive(ws)
            except (OSError, websocket.WebSocketException):
                pass
            self.reconnects += 1
            self.stopped.wait(0.5)

    def _receive(self, ws):
        while not self.stopped.is_set():
            try:
                frame = ws.recv()
            except websocket.WebSocketTimeoutException:
                continue
            if not frame:
                raise websocket.WebSocketException("closed")
            for notification in json.loads(frame):
                self.last = max(self.last, notification["id"])
                message = notification.get("message", {})
                if message.get("type", "").endswith("-SHOP_SYNC"):
                    payload = message["payload"]
                    self.events.add((payload["event"], payload.get("id")))

    def resubscribe(self):
        """Drop the connection: the listener reconnects and subscribes from its
        last notification, which makes the server send what came after it."""
        if self.ws:
            self.ws.close()

    def stop(self):
        self.stopped.set()


class FaultRun:
    def __init__(self, args):
        self.args = args
        command = json.loads(args.odoo_command)
        self.servers = {
            "A": Server(
                "A", command, args.http_ports[0], args.gevent_ports[0], args.logs[0]
            ),
            "B": Server(
                "B", command, args.http_ports[1], args.gevent_ports[1], args.logs[1]
            ),
        }
        self.pg_restart = json.loads(args.pg_restart)
        self.faults = []
        self.carts = []  # [(uuid, number, plan)]
        self.refused = []
        # Two-device carts: [(uuid, [what each device ended with])]
        self.races = []
        self.addresses = (f"127.0.0.{n}" for n in itertools.count(10))
        self.fault_browsers = []  # the devices of the held-call faults
        self.fault_carts = itertools.count(args.carts)  # their carts' numbers

    def client(self, server, login, password):
        return ResilientClient(
            self.servers[server], self.args.db, login, password, next(self.addresses)
        )

    def setup(self):
        for server in self.servers.values():
            server.start()
        admin = self.client("A", "admin", "admin")
        shops = {}
        for name, xmlid in (
            ("Shop 1", "pos_config_shop_1"),
            ("Shop 2", "pos_config_shop_2"),
            ("Shop 3", "pos_config_shop_3"),
        ):
            shops[name] = admin.call(
                "ir.model.data", "check_object_reference", "pos_shop_sync", xmlid
            )[1]
        configs = {}
        for config_id in shops.values():
            admin.call("pos.config", "open_ui", [config_id])
            config = admin.call(
                "pos.config",
                "read",
                [config_id],
                ["current_session_id", "access_token", "payment_method_ids"],
            )[0]
            admin.call(
                "pos.session",
                "set_opening_control",
                [config["current_session_id"][0]],
                0,
                "",
            )
            configs[config_id] = config
        self.shops = shops
        self.configs = configs
        self.admin = admin
        # One ordinary cashier per terminal: a Point of Sale user, nothing more.
        groups = [
            admin.call("ir.model.data", "check_object_reference", *xmlid)[1]
            for xmlid in (("base", "group_user"), ("point_of_sale", "group_pos_user"))
        ]
        company_id = admin.call(
            "pos.config", "read", [shops["Shop 1"]], ["company_id"]
        )[0]["company_id"][0]
        cashiers = {}
        for shop in shops:
            login = f"faults-cashier-{shop[-1]}"
            admin.call(
                "res.users",
                "create",
                {
                    "name": f"Cashier of {shop}",
                    "login": login,
                    "password": CASHIER_PASSWORD,
                    "groups_id": [[6, 0, groups]],
                    "company_id": company_id,
                    "company_ids": [[6, 0, [company_id]]],
                },
            )
            cashiers[shop] = login
        self.product_ids = admin.call(
            "product.product",
            "search",
            [["available_in_pos", "=", True], ["company_id", "in", [False, 1]]],
            limit=3,
        )
        self.cashiers = cashiers
        # One browser per terminal and server, its terminal's cashier logged in.
        self.browsers = {
            (shop, server): self.client(server, cashiers[shop], CASHIER_PASSWORD)
            for shop in ("Shop 1", "Shop 2", "Shop 3")
            for server in ("A", "B")
        }
        self.listeners = [
            Listener(
                self.servers[server],
                self.browsers[(shop, server)].client.session_id,
                configs[shops[shop]]["access_token"],
                shops[shop],
            )
            for shop in ("Shop 1", "Shop 2", "Shop 3")
            for server in ("A", "B")
        ]
        time.sleep(2)  # subscriptions done

    def cart(self, number):
        """Cart ``number``'s lines: its first quantity is its own, so that a
        paid order holding its lines is found by them."""
        return [
            {
                "product_id": pid,
                "qty": 100.0 + number if n == 0 else 1.0 + (number + n) % 3,
                "price_unit": 5.0 + n,
            }
            for n, pid in enumerate(self.product_ids)
        ]

    @staticmethod
    def signature(lines):
        """What identifies a cart among paid orders: its products and quantities."""
        return tuple(
            sorted((line["product_id"], round(line["qty"], 3)) for line in lines)
        )

    def run_cart(self, number):
        """Send cart ``number`` and take it through its plan."""
        final, receiver, devices = PLANS[number % len(PLANS)]
        ref = str(uuid.uuid4())
        sender = self.browsers[("Shop 1", "A")]
        try:
            sync = self.send_cart(ref, number, final)
            if final == "cancelled":
                sender.call(
                    "pos.shop.sync", "cancel_from_ui", self.shops["Shop 1"], sync["id"]
                )
            elif len(devices) == 1:
                self.open_cart(receiver, devices[0], sync["id"], final == "done")
            elif devices:
                self.race(ref, receiver, devices, sync["id"])
        except RpcError as error:
            self.refused.append((ref, str(error)))

    def send_cart(self, ref, number, final, device=None):
        """Shop 1 sends cart ``number`` (client reference ``ref``, expected to
        end in ``final``) through server A (from its first device unless
        ``device``), broadcast to Shop 2 and Shop 3."""
        self.carts.append((ref, number, final))
        device = device or self.browsers[("Shop 1", "A")]
        return device.call(
            "pos.shop.sync",
            "send_from_ui",
            self.shops["Shop 1"],
            {
                "uuid": ref,
                "sync_type": "broadcast",
                "target_config_ids": [self.shops["Shop 2"], self.shops["Shop 3"]],
                "lines": self.cart(number),
            },
        )

    def open_cart(self, receiver, server, sync_id, pay):
        """A device of ``receiver`` on ``server`` accepts the transfer, rebuilds
        it on a new order that it holds (as the POS does), and pays it."""
        browser = self.browsers[(receiver, server)]
        config_id = self.shops[receiver]
        order_uuid = str(uuid.uuid4())
        claimed = self.claim_and_hold(browser, config_id, sync_id, order_uuid)
        if pay:
            self.pay(browser, config_id, claimed, order_uuid)

    @staticmethod
    def claim_and_hold(browser, config_id, sync_id, order_uuid):
        """``browser`` accepts the transfer for terminal ``config_id`` and
        holds it on the order ``order_uuid``; returns the accepted transfer."""
        claimed = browser.call("pos.shop.sync", "claim_from_ui", config_id, sync_id)
        browser.call(
            "pos.shop.sync",
            "hold_from_ui",
            config_id,
            sync_id,
            order_uuid,
            f"Order {claimed['name']}",
        )
        return claimed

    def race(self, ref, receiver, devices, sync_id):
        """Two devices of ``receiver`` accept and pay the cart at once: one
        pays it, the other is refused (told where it is open, or paid)."""
        barrier = threading.Barrier(len(devices))
        outcomes = []

        def device(server):
            try:
                barrier.wait(timeout=30)
            except threading.BrokenBarrierError:
                pass
            try:
                self.open_cart(receiver, server, sync_id, True)
                outcomes.append("paid")
            except RpcError as error:
                outcomes.append(str(error))

        with ThreadPoolExecutor(max_workers=len(devices)) as pool:
            list(pool.map(device, devices))
        self.races.append((ref, outcomes))

    def pay(self, browser, config_id, sync, order_uuid):
        """Pay the rebuilt cart as the POS does: one paid order, retried by uuid."""
        config = self.configs[config_id]
        total = sync["amount_total"]
        lines = [
            [
                0,
                0,
                {
                    "product_id": line["product_id"],
                    "qty": line["qty"],
                    "price_unit": line["price_unit"],
                    "discount": line["discount"],
                    "price_subtotal": line["price_subtotal"],
                    "price_subtotal_incl": line["price_subtotal_incl"],
                },
            ]
            for line in sync["lines"]
        ]
        browser.call(
            "pos.order",
            "sync_from_ui",
            [
                {
                    "uuid": order_uuid,
                    "name": f"Order {sync['name']}",
                    "session_id": config["current_session_id"][0],
                    "shop_sync_id": sync["id"],
                    "lines": lines,
                    "amount_paid": total,
                    "amount_return": 0,
                    "amount_tax": sync["amount_tax"],
                    "amount_total": total,
                    "payment_ids": [
                        [
                            0,
                            0,
                            {
                                "amount": total,
                                "payment_method_id": config["payment_method_ids"][0],
                                "name": time.strftime(
                                    "%Y-%m-%d %H:%M:%S", time.gmtime()
                                ),
                            },
                        ]
                    ],
                    "user_id": browser.client.uid,
                    "sequence_number": 1,
                    "date_order": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
                    "pricelist_id": False,
                    "fiscal_position_id": False,
                    "partner_id": False,
                    "last_order_preparation_change": "{}",
                }
            ],
            context={"config_id": config_id, "login_number": 0},
        )

    def inject_faults(self, progress):
        """Runs beside the carts: each fault once its share of carts is done."""
        schedule = [
            (
                0.1 + 0.1 * n,
                f"SIGKILL the HTTP worker of server A serving a {kind} call",
                lambda kind=kind: self._kill_held_call(kind),
            )
            for n, kind in enumerate(LOST_KINDS)
        ] + [
            (0.5, "SIGKILL the whole of server B, restarted 3 s later", self._kill_b),
            (0.7, "restart PostgreSQL (immediate: crash recovery)", self._restart_pg),
        ]
        for share, label, fault in schedule:
            while progress() < share and time_left() > 0:
                time.sleep(0.1)
            started = time.monotonic()
            detail = fault()
            self.faults.append(f"{label}{detail} ({time.monotonic() - started:.1f} s)")

    def _kill_held_call(self, kind, attempts=3):
        """SIGKILL the worker of server A serving a ``kind`` call of a cart
        of the fault's own while the call waits for the lock this test holds
        (``HELD_CALLS``); then release the lock. The call comes from a device
        of its own (its own loopback address): the worker with a connection
        from it serves that call. Its answer is lost, its transaction rolled
        back, and it is retried as every other call. A call that did not wait
        for the lock within 30 s (the workers busy elsewhere) is let through,
        and the fault tried again with another cart."""
        seen = []
        for __ in range(attempts):
            outcome = self._kill_one_held_call(kind)
            if outcome.startswith(": pid"):
                return outcome + (f" (before: {'; '.join(seen)})" if seen else "")
            seen.append(outcome.removeprefix(": "))
        return f": {'; '.join(seen)}"

    def _kill_one_held_call(self, kind):
        import psycopg2  # Odoo's own driver; this script runs on Odoo's Python

        shop, lock, final = HELD_CALLS[kind]
        device = self.client("A", self.cashiers[shop], CASHIER_PASSWORD)
        self.fault_browsers.append(device)
        config_id = self.shops[shop]
        number = next(self.fault_carts)
        ref, order_uuid = str(uuid.uuid4()), str(uuid.uuid4())
        sync_id = None
        if kind != "send":
            sync_id = self.send_cart(ref, number, final)["id"]

        if kind == "send":

            def held_call():
                self.send_cart(ref, number, final, device)

        elif kind == "claim":

            def held_call():
                self.claim_and_hold(device, config_id, sync_id, order_uuid)

        else:
            claimed = self.claim_and_hold(device, config_id, sync_id, order_uuid)

            def held_call():
                self.pay(device, config_id, claimed, order_uuid)

        connection = psycopg2.connect(dbname=self.args.db, user="odoo")
        call = threading.Thread(target=held_call)
        try:
            with connection.cursor() as cr:
                cr.execute(lock, {"ref": ref, "sync": sync_id})
                call.start()
                worker, waited = self._worker_waiting(cr, device)
                if not worker:
                    return (
                        f": a {kind} call waited for the test's lock, but no "
                        "worker of server A served the device then"
                        if waited
                        else f": no {kind} call waited for the test's lock within 30 s"
                    )
                worker.send_signal(signal.SIGKILL)
                settle = time.monotonic() + 10
                while not device.lost[kind] and time.monotonic() < settle:
                    time.sleep(0.01)
        finally:
            connection.rollback()
            connection.close()
            call.join()
        if not device.lost[kind]:
            return f": pid {worker.pid} killed, but its {kind} call's answer came"
        return f": pid {worker.pid}, its {kind} call's answer lost, then retried"

    def _worker_waiting(self, cr, device, timeout=30):
        """The HTTP worker of server A serving ``device`` while a session
        waits for a lock of the session of ``cr`` (None after ``timeout``
        seconds), and whether a session waited meanwhile."""
        end = time.monotonic() + timeout
        waited = False
        while time.monotonic() < end:
            cr.execute(
                """SELECT count(*) FROM pg_stat_activity
                    WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))"""
            )
            if cr.fetchone()[0]:
                waited = True
                worker = self.servers["A"].worker_serving(device.source_ip)
                if worker:
                    return worker, waited
            time.sleep(0.01)
        return None, waited

    def _all_browsers(self):
        return [*self.browsers.values(), *self.fault_browsers]

    def _kill_b(self):
        self.servers["B"].kill()
        time.sleep(3)
        self.servers["B"].start()
        return ""

    def _restart_pg(self):
        subprocess.run(self.pg_restart, check=True, capture_output=True)
        return ""

    def run(self):
        self.setup()
        done = []  # one item per finished cart (list.append is atomic)
        total = self.args.carts

        def cart(number):
            self.run_cart(number)
            done.append(number)

        injector = threading.Thread(
            target=self.inject_faults, args=(lambda: len(done) / total,)
        )
        injector.start()
        with ThreadPoolExecutor(max_workers=self.args.concurrency) as pool:
            list(pool.map(cart, range(total)))
        injector.join()
        return self.check()

    def _paid_orders(self):
        """``{signature: [paid order id]}``: the paid orders holding the
        products of the carts, by their products and quantities."""
        # The paid orders holding each cart's lines, whatever they link to.
        paid_lines = self.admin.call(
            "pos.order.line",
            "search_read",
            [
                ["order_id.state", "in", ["paid", "done", "invoiced"]],
                ["product_id", "in", self.product_ids],
            ],
            ["order_id", "product_id", "qty"],
        )
        by_order = {}
        for line in paid_lines:
            by_order.setdefault(line["order_id"][0], []).append(
                {"product_id": line["product_id"][0], "qty": line["qty"]}
            )
        paid = {}
        for order_id, lines in by_order.items():
            paid.setdefault(self.signature(lines), []).append(order_id)
        return paid

    def _place(self, ref, number, final, by_ref, paid, wrong):
        """Where cart ``number`` is, and its transfer (a dict read, or None):
        its problems are added to ``wrong``."""
        found = by_ref.get(ref, [])
        paid_orders = paid.get(self.signature(self.cart(number)), [])
        if len(found) != 1:
            wrong.append(f"cart {ref}: {len(found)} transfers")
            return ("lost" if not found else "twice"), None
        sync = found[0]
        place = {
            "pending": "pending transfer",
            "claimed": "claimed transfer",
            "done": "paid order",
            "cancelled": "recalled transfer",
        }.get(sync["state"], sync["state"])
        orders_paid = len(paid_orders)
        if (sync["state"] == "done") != (orders_paid == 1) or orders_paid > 1:
            wrong.append(
                f"{ref}: state {sync['state']}, {orders_paid} paid orders "
                "hold its lines"
            )
            place = "twice" if orders_paid else "lost"
        elif orders_paid and (sync["pos_order_id"] or [0])[0] != paid_orders[0]:
            wrong.append(f"{ref}: done by another order than the one paid")
        if sync["state"] == "claimed" and not sync["receiver_config_id"]:
            wrong.append(f"{ref}: claimed without a receiver")
        cashiers = {browser.client.uid for browser in self._all_browsers()}
        if sync["create_uid"][0] not in cashiers or (
            sync["receiver_user_id"] and sync["receiver_user_id"][0] not in cashiers
        ):
            wrong.append(f"{ref}: sent or accepted by another user than the cashiers")
        if sync["state"] != final:
            wrong.append(f"{ref}: {sync['state']}, planned {final}")
        return place, sync

    def _check_races(self, wrong):
        """What the second device of each two-device cart was told, by kind;
        its problems are added to ``wrong``."""
        told = Counter()
        for ref, outcomes in self.races:
            losers = [outcome for outcome in outcomes if outcome != "paid"]
            if outcomes.count("paid") != 1:
                wrong.append(f"{ref}: paid by {outcomes.count('paid')} devices")
            for outcome in losers:
                if HELD_TEXT in outcome:
                    told["open on an order"] += 1
                elif "was already accepted by" in outcome:
                    told["accepted by the terminal"] += 1
                elif "is not accepted by this terminal" in outcome:
                    # The other device paid it first: it is no longer held.
                    told["paid by the other device"] += 1
                else:
                    told["other"] += 1
                    wrong.append(f"{ref}: second device told {outcome!r}")
        if self.races and not told["open on an order"]:
            wrong.append("no second device was told on which order the cart is open")
        return told

    def check(self):
        refs = [ref for ref, __, __ in self.carts]
        syncs = self.admin.call(
            "pos.shop.sync",
            "search_read",
            [["uuid", "in", refs]],
            [
                "uuid",
                "state",
                "receiver_config_id",
                "pos_order_id",
                "create_uid",
                "receiver_user_id",
            ],
        )
        paid = self._paid_orders()
        by_ref = {}
        for sync in syncs:
            by_ref.setdefault(sync["uuid"], []).append(sync)
        places = Counter()
        wrong = []
        # Per terminal: what it must have been told.
        expected = {terminal: set() for terminal in self.shops.values()}
        for ref, number, final in self.carts:
            place, sync = self._place(ref, number, final, by_ref, paid, wrong)
            places[place] += 1
            if sync:
                add_expected_events(expected, sync)
        delivered_live = sum(
            len(expected[listener.terminal] & listener.events)
            for listener in self.listeners
        )
        # A server's bus dispatcher waits 50 s before it listens to PostgreSQL
        # again after a restart, and a websocket fetches what it missed only when
        # told (a new notification, or a subscription): listeners that miss
        # events resubscribe from their last one, as the POS does on reconnect.
        settle = time.monotonic() + 90
        while time.monotonic() < settle:
            late = [
                listener
                for listener in self.listeners
                if expected[listener.terminal] - listener.events
            ]
            if not late:
                break
            time.sleep(5)
            for listener in late:
                listener.resubscribe()
        missing = {
            f"{listener.server.name}/{listener.channel[:6]}": len(
                expected[listener.terminal] - listener.events
            )
            for listener in self.listeners
        }
        for listener in self.listeners:
            listener.stop()
        lost = Counter()
        for browser in self._all_browsers():
            lost.update(browser.lost)
        refused_connections = sum(
            browser.refused_connections for browser in self._all_browsers()
        )
        no_loss = [kind for kind in LOST_KINDS if not lost[kind]]
        told = self._check_races(wrong)
        print("\n## Live fault test: two Odoo servers on one database\n")
        for fault in self.faults:
            print(f"- fault: {fault}")
        print(
            f"- carts sent: {len(self.carts)}, by cashiers (Point of Sale users); "
            "answers lost (the call cut while served, or a database error), by kind: "
            + ", ".join(f"{kind} {count}" for kind, count in sorted(lost.items()))
            + f"; connections refused (retried): {refused_connections}"
        )
        for kind in no_loss:
            print(f"- FAILED: no {kind} call lost its answer")
        print(
            f"- carts accepted and paid by two devices at once: {len(self.races)}; "
            f"paid by one device: "
            f"{sum(outcomes.count('paid') == 1 for __, outcomes in self.races)}; "
            "the other device told: "
            + ", ".join(f"{how} {count}" for how, count in sorted(told.items()))
        )
        print(f"- refused by the server: {len(self.refused)}")
        for ref, message in self.refused[:10]:
            print(f"  - {ref}: {message}")
        print(
            "- where the carts are: "
            + ", ".join(f"{place} {count}" for place, count in sorted(places.items()))
        )
        print(
            f"- in no place: {places['lost']}; in two places (paid orders found "
            f"by the cart's lines): {places['twice']}; problems: {len(wrong)}"
        )
        for problem in wrong[:20]:
            print(f"  - {problem}")
        delivered = sum(
            len(expected[listener.terminal] & listener.events)
            for listener in self.listeners
        )
        owed = sum(len(expected[listener.terminal]) for listener in self.listeners)
        print(
            f"- notifications of committed changes: "
            f"{', '.join(str(len(events)) for events in expected.values())} for the "
            f"3 terminals, {len(self.listeners)} listeners (3 terminals x 2 servers): "
            f"{delivered} of {owed} delivered "
            f"({delivered_live} live, the rest on resubscription); "
            f"missing per listener: {missing}; reconnections: "
            f"{sum(listener.reconnects for listener in self.listeners)}"
        )
        faults = len(LOST_KINDS) + 2
        ok = (
            len(self.faults) == faults
            and not no_loss
            and not wrong
            and not self.refused
            and not any(missing.values())
        )
        if len(self.faults) != faults:
            print(f"- FAILED: {len(self.faults)} of the {faults} faults were injected")
        print(f"faults: {1 if ok else 0} passed, {0 if ok else 1} failed")
        return ok

    def stop(self):
        for server in self.servers.values():
            server.stop()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--odoo-command", required=True, help="JSON list")
    parser.add_argument("--pg-restart", required=True, help="JSON list")
    parser.add_argument("--http-ports", type=int, nargs=2, required=True)
    parser.add_argument("--gevent-ports", type=int, nargs=2, required=True)
    parser.add_argument("--logs", nargs=2, required=True)
    parser.add_argument("--carts", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    # Stopped from outside: still stop the servers it started (the finally below).
    signal.signal(signal.SIGTERM, lambda *__: sys.exit(1))
    run = FaultRun(args)
    try:
        ok = run.run()
    finally:
        run.stop()
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
