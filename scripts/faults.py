"""Live fault test: two Odoo servers on one database, as behind a load balancer.

Started by scripts/faults.sh, which installs the module with its demo shops and
passes the Odoo command line. This script starts both servers itself (HTTP
workers and the gevent websocket process each, one shared data folder), so that
it can kill them:

- carts are sent from Shop 1 through server A, accepted by Shop 2 and Shop 3
  through both servers, paid, recalled; websocket listeners of the three
  terminals are connected to both servers;
- meanwhile one HTTP worker of server A is killed (SIGKILL), then the whole of
  server B (restarted a few seconds later), and PostgreSQL is restarted once
  (immediate mode: a crash and its recovery);
- every call whose answer is lost is retried with the same arguments, as a POS
  does (a send by its client reference, a payment by its order's uuid).

Afterwards every cart must be in exactly one place (a pending transfer, a
claimed transfer, a paid order, or a recalled transfer), none twice, and every
notification of a committed change must have reached every listener (which
resubscribes from the last notification it saw after a lost connection). Prints
the counts; exits 1 when any is wrong. Loopback only, bounded in count and time.
"""

import argparse
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
# What each cart goes through, by its number modulo 5: the final place, and the
# server that accepts (and pays) it.
PLANS = {
    0: ("pending", None, None),
    1: ("claimed", "Shop 2", "A"),
    2: ("done", "Shop 3", "B"),
    3: ("cancelled", None, None),
    4: ("done", "Shop 2", "B"),
}
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

    def kill_one_worker(self):
        """SIGKILL one HTTP worker; the master forks a new one."""
        workers = [
            child
            for child in psutil.Process(self.process.pid).children()
            if "gevent" not in child.cmdline()  # the websocket process's argument
        ]
        workers[0].send_signal(signal.SIGKILL)
        return workers[0].pid

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
    """A cashier's browser: one login, every call retried while its answer is lost."""

    def __init__(self, server, db):
        self.server = server
        self.db = db
        self.lost_answers = 0
        self.client = self._retry(lambda: Client(server.url, db, "admin", "admin"))

    def _retry(self, call):
        while True:
            try:
                return call()
            except (requests.RequestException, ValueError):
                pass  # connection refused or cut, a 502, a body that is not JSON
            except RpcError as error:
                if not any(part in error.name for part in TRANSIENT_ERRORS):
                    raise
            self.lost_answers += 1
            if time_left() < 0:
                raise TimeoutError("time limit reached while retrying")
            time.sleep(0.5)

    def call(self, model, method, *args, **kwargs):
        return self._retry(lambda: self.client.call(model, method, *args, **kwargs))


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
        self.carts = []  # [(uuid, plan)]
        self.refused = []

    def setup(self):
        for server in self.servers.values():
            server.start()
        admin = ResilientClient(self.servers["A"], self.args.db)
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
        self.product_ids = admin.call(
            "product.product",
            "search",
            [["available_in_pos", "=", True], ["company_id", "in", [False, 1]]],
            limit=3,
        )
        # One browser per terminal and server.
        self.browsers = {
            (shop, server): ResilientClient(self.servers[server], self.args.db)
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
        return [
            {"product_id": pid, "qty": 1.0 + (number + n) % 3, "price_unit": 5.0 + n}
            for n, pid in enumerate(self.product_ids)
        ]

    def run_cart(self, number):
        """Send cart ``number`` and take it through its plan."""
        final, receiver, server = PLANS[number % len(PLANS)]
        ref = str(uuid.uuid4())
        self.carts.append((ref, final))
        sender = self.browsers[("Shop 1", "A")]
        targets = [self.shops["Shop 2"], self.shops["Shop 3"]]
        try:
            sync = sender.call(
                "pos.shop.sync",
                "send_from_ui",
                self.shops["Shop 1"],
                {
                    "uuid": ref,
                    "sync_type": "broadcast",
                    "target_config_ids": targets,
                    "lines": self.cart(number),
                },
            )
            if final == "cancelled":
                sender.call(
                    "pos.shop.sync", "cancel_from_ui", self.shops["Shop 1"], sync["id"]
                )
            elif receiver:
                browser = self.browsers[(receiver, server)]
                config_id = self.shops[receiver]
                claimed = browser.call(
                    "pos.shop.sync", "claim_from_ui", config_id, sync["id"]
                )
                if final == "done":
                    self.pay(browser, config_id, claimed)
        except RpcError as error:
            self.refused.append((ref, str(error)))

    def pay(self, browser, config_id, sync):
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
                    "uuid": str(uuid.uuid4()),
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
            (0.2, "SIGKILL one HTTP worker of server A", self._kill_worker),
            (0.45, "SIGKILL the whole of server B, restarted 3 s later", self._kill_b),
            (0.7, "restart PostgreSQL (immediate: crash recovery)", self._restart_pg),
        ]
        for share, label, fault in schedule:
            while progress() < share and time_left() > 0:
                time.sleep(0.1)
            started = time.monotonic()
            detail = fault()
            self.faults.append(f"{label}{detail} ({time.monotonic() - started:.1f} s)")

    def _kill_worker(self):
        return f": pid {self.servers['A'].kill_one_worker()}"

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

    def check(self):
        refs = [ref for ref, __ in self.carts]
        syncs = self.admin.call(
            "pos.shop.sync",
            "search_read",
            [["uuid", "in", refs]],
            ["uuid", "state", "receiver_config_id", "pos_order_id"],
        )
        orders = self.admin.call(
            "pos.order",
            "search_read",
            [["shop_sync_id", "in", [sync["id"] for sync in syncs]]],
            ["shop_sync_id", "state"],
        )
        paid = Counter(
            order["shop_sync_id"][0]
            for order in orders
            if order["state"] in ("paid", "done", "invoiced")
        )
        by_ref = {}
        for sync in syncs:
            by_ref.setdefault(sync["uuid"], []).append(sync)
        places = Counter()
        wrong = []
        # Per terminal: what it must have been told.
        expected = {terminal: set() for terminal in self.shops.values()}
        for ref, final in self.carts:
            found = by_ref.get(ref, [])
            if len(found) != 1:
                wrong.append(f"cart {ref}: {len(found)} transfers")
                places["lost" if not found else "twice"] += 1
                continue
            sync = found[0]
            place = {
                "pending": "pending transfer",
                "claimed": "claimed transfer",
                "done": "paid order",
                "cancelled": "recalled transfer",
            }.get(sync["state"], sync["state"])
            orders_paid = paid[sync["id"]]
            if (sync["state"] == "done") != (orders_paid == 1) or orders_paid > 1:
                wrong.append(f"{ref}: state {sync['state']}, {orders_paid} paid orders")
                place = "twice" if orders_paid > 1 else "lost"
            if sync["state"] == "claimed" and not sync["receiver_config_id"]:
                wrong.append(f"{ref}: claimed without a receiver")
            if sync["state"] != final:
                wrong.append(f"{ref}: {sync['state']}, planned {final}")
            places[place] += 1
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
        lost_answers = sum(browser.lost_answers for browser in self.browsers.values())
        print("\n## Live fault test: two Odoo servers on one database\n")
        for fault in self.faults:
            print(f"- fault: {fault}")
        print(
            f"- carts sent: {len(self.carts)}; retries after a lost answer or a "
            f"refused connection: {lost_answers}"
        )
        print(f"- refused by the server: {len(self.refused)}")
        for ref, message in self.refused[:10]:
            print(f"  - {ref}: {message}")
        print(
            "- where the carts are: "
            + ", ".join(f"{place} {count}" for place, count in sorted(places.items()))
        )
        print(
            f"- in no place: {places['lost']}; in two places: {places['twice']}; "
            f"not where planned: {len(wrong)}"
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
        ok = (
            len(self.faults) == 3
            and not wrong
            and not self.refused
            and not any(missing.values())
        )
        if len(self.faults) != 3:
            print(f"- FAILED: {len(self.faults)} of the 3 faults were injected")
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
