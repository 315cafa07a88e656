"""Takes the screenshots of static/description/ (see scripts/screenshots.sh).

Drives headless Chromium through the Chrome DevTools Protocol against an Odoo
that has pos_shop_sync and its demo shops: Shop 1 sends a cart to Shop 2, Shop 2
receives and accepts it, then the backend views. Every wait polls for a
selector, with a time limit; any failed step stops the run with a message and
exit code 1.
"""

import argparse
import base64
import contextlib
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import requests
import websocket

WIDTH, HEIGHT = 1366, 768
FORM_SIZE = 1600, 1100  # wide enough for the chatter beside the form
TIMEOUT = 30  # seconds, for any one wait
LOAD_TIMEOUT = 120  # seconds, for a page (the first one builds the assets)

# Shop 1's cart, sent from the POS screens to Shop 2; the last line gets 10 %
# off. A person: a company as customer would tick "Invoice" on payment.
CUSTOMER = "Brandon Freeman"
PRODUCTS = ["Office Chair", "Office Lamp", "Office Lamp", "Storage Box"]

# Finds a visible element matching a CSS selector and containing a text (or
# whose text is exactly `text` when `exact`).
FIND_JS = """(sel, text, exact) => [...document.querySelectorAll(sel)].find(
    (el) => el.getClientRects().length && (exact
        ? el.textContent.trim() === text : el.textContent.includes(text))
)"""


class StepFailed(Exception):
    pass


class Rpc:
    """A logged-in JSON-RPC session, as the web client has."""

    def __init__(self, url, db, login, password):
        self.url = url
        self.http = requests.Session()
        self._post(
            "/web/session/authenticate",
            {"db": db, "login": login, "password": password},
        )

    def _post(self, path, params):
        body = self.http.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=60,
        ).json()
        if "error" in body:
            raise StepFailed(f"{path}: {body['error']['data']['message']}")
        return body.get("result")

    def call(self, model, method, *args, **kwargs):
        return self._post(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def ids(self, model, names):
        """The ids of the records named `names`, in that order."""
        records = self.call(
            model, "search_read", [("name", "in", names)], ["name"], context={}
        )
        by_name = {r["name"]: r["id"] for r in records}
        missing = set(names) - set(by_name)
        if missing:
            raise StepFailed(f"no {model} named {', '.join(sorted(missing))}")
        return [by_name[name] for name in names]


class Browser:
    """Headless Chromium driven over the DevTools Protocol (one page)."""

    def __init__(self, chrome, profile):
        self.profile = profile
        self.proc = subprocess.Popen(
            [
                chrome,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                f"--window-size={WIDTH},{HEIGHT}",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def connect(self):
        port = poll(self._devtools_port, "Chromium's DevTools port")
        pages = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(p for p in pages if p["type"] == "page")
        self.ws = websocket.create_connection(
            page["webSocketDebuggerUrl"], timeout=TIMEOUT, suppress_origin=True
        )
        self._ids = itertools.count(1)
        self.resize(WIDTH, HEIGHT)

    def _devtools_port(self):
        if self.proc.poll() is not None:
            raise StepFailed("Chromium stopped at start-up")
        path = os.path.join(self.profile, "DevToolsActivePort")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as file:
                return file.readline().strip() or None
        return None

    def resize(self, width, height):
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def close(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def send(self, method, **params):
        """Sends one CDP command and returns its result (events are skipped)."""
        call_id = next(self._ids)
        self.ws.send(json.dumps({"id": call_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == call_id:
                if "error" in message:
                    raise StepFailed(f"{method}: {message['error']['message']}")
                return message["result"]

    def js(self, expression):
        result = self.send(
            "Runtime.evaluate",
            expression=expression,
            awaitPromise=True,
            returnByValue=True,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            error = details.get("exception", {}).get("description") or details["text"]
            raise StepFailed(f"JavaScript error: {error}")
        return result["result"].get("value")

    def query(self, selector, text, action, exact=False):
        """Runs `action` on `el`, the first visible match (or undefined)."""
        args = json.dumps([selector, text, exact])[1:-1]
        return self.js(f"(() => {{ const el = ({FIND_JS})({args}); {action}; }})()")

    def wait(self, selector, text="", exact=False):
        """Waits until a visible element matches `selector` (and has `text`)."""
        poll(
            lambda: self.query(selector, text, "return Boolean(el)", exact),
            f"{selector!r}" + (f" with {text!r}" if text else ""),
        )

    def wait_gone(self, selector):
        poll(lambda: self.query(selector, "", "return !el"), f"{selector!r} to go")

    def click(self, selector, text="", exact=False):
        self.wait(selector, text, exact)
        self.query(
            selector,
            text,
            "el.scrollIntoView({block: 'center'}); el.click()",
            exact,
        )

    def goto(self, url):
        self.js("window.screenshotsOldPage = true")
        self.send("Page.navigate", url=url)
        poll(
            lambda: self.js(
                "!window.screenshotsOldPage && document.readyState === 'complete'"
            ),
            f"{url} to load",
            LOAD_TIMEOUT,
        )

    def screenshot(self, path):
        # Let dialogs finish their fade-in and fonts settle once shown.
        time.sleep(0.8)
        self.js("document.activeElement && document.activeElement.blur()")
        data = self.send("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as file:
            file.write(base64.b64decode(data))
        return path


def poll(check, what, timeout=TIMEOUT):
    """Calls `check` until it returns a true value, for `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise StepFailed(f"timed out after {timeout} s waiting for {what}")


def open_sessions(rpc, config_ids):
    """Opens each terminal's session and its cash register, as a manager would."""
    for config_id in config_ids:
        rpc.call("pos.config", "open_ui", [config_id])
        [config] = rpc.call("pos.config", "read", [config_id], ["current_session_id"])
        session_id = config["current_session_id"][0]
        rpc.call("pos.session", "set_opening_control", [session_id], 0, "")


def open_pos(browser, url, config_id):
    """Opens the POS of a terminal and waits for its product screen."""
    browser.goto(f"{url}/pos/ui?config_id={config_id}&from_backend=True")

    def ready():
        # The register is opened by open_sessions; click through if it asks.
        browser.query(".open-register-btn", "", "el && el.click()")
        browser.query(".modal-footer .btn-primary", "Open Register", "el && el.click()")
        return browser.query(
            ".product-screen .product-list article.product",
            "",
            "return Boolean(el) && !document.querySelector('.modal')",
        )

    poll(ready, "the POS product screen", LOAD_TIMEOUT)


def add_product(browser, name):
    browser.click("article.product .product-name", name, exact=True)
    browser.wait(".order-container .orderline .product-name", name)


def send_extra_transfers(rpc, shops):
    """Two more transfers for the lists: a broadcast left pending, and one that
    Shop 3 accepted (in progress)."""
    products = rpc.ids("product.product", ["Cabinet with Doors", "Desk Organizer"])
    partners = rpc.ids("res.partner", ["Deco Addict", "Gemini Furniture"])
    broadcast = {
        "uuid": "screenshots-broadcast",
        "sync_type": "broadcast",
        "target_config_ids": [shops["Shop 2"], shops["Shop 3"]],
        "partner_id": partners[0],
        "lines": [
            {"product_id": products[0], "qty": 1, "price_unit": 140},
            {"product_id": products[1], "qty": 4, "price_unit": 5.1},
        ],
    }
    rpc.call("pos.shop.sync", "send_from_ui", shops["Shop 1"], broadcast)
    assigned = {
        "uuid": "screenshots-shop-3",
        "sync_type": "assigned",
        "target_config_ids": [shops["Shop 3"]],
        "partner_id": partners[1],
        "lines": [{"product_id": products[1], "qty": 10, "price_unit": 5.1}],
    }
    sent = rpc.call("pos.shop.sync", "send_from_ui", shops["Shop 1"], assigned)
    rpc.call("pos.shop.sync", "claim_from_ui", shops["Shop 3"], sent["id"])


def run(args, browser):
    url = args.url

    def shot(name):
        print(f"   wrote {browser.screenshot(os.path.join(args.out_dir, name))}")

    rpc = Rpc(url, args.db, "admin", "admin")
    browser.send(
        "Network.setCookie",
        name="session_id",
        value=rpc.http.cookies["session_id"],
        url=url,
    )
    names = ["Shop 1", "Shop 2", "Shop 3"]
    shops = dict(zip(names, rpc.ids("pos.config", names), strict=True))

    print("== opening the sessions of Shop 1, Shop 2 and Shop 3")
    open_sessions(rpc, shops.values())

    print("== Shop 1: build a cart and send it to Shop 2")
    open_pos(browser, url, shops["Shop 1"])
    browser.click(".product-screen .set-partner")
    browser.click(".modal .partner-list .partner-info", CUSTOMER)
    browser.wait(".product-screen .set-partner", CUSTOMER)
    for name in PRODUCTS:
        add_product(browser, name)
    browser.click(".product-screen .numpad .numpad-discount")
    for key in "10":
        browser.click(f".product-screen .numpad button[value='{key}']")
    browser.wait(".orderline.selected", "10%")
    browser.click(".product-screen .more-btn")
    browser.click(".o_pos_shop_sync_send_button")
    browser.click(".o_pos_shop_sync_assigned")
    browser.click(".o_pos_shop_sync_target", "Shop 2")
    browser.wait(".o_pos_shop_sync_target.active", "Shop 2")
    shot("send_order.png")
    browser.click(".o_pos_shop_sync_send_confirm:not([disabled])")
    browser.wait(".o_notification", "sent to Shop 2")
    browser.wait_gone(".o_pos_shop_sync_send")
    send_extra_transfers(rpc, shops)

    print("== Shop 2: receive, preview and accept it")
    open_pos(browser, url, shops["Shop 2"])
    browser.click(".product-screen .more-btn")
    browser.click(".o_pos_shop_sync_receive_button")
    browser.wait(".o_pos_shop_sync_incoming", CUSTOMER)
    browser.wait(".o_pos_shop_sync_incoming", "Deco Addict")
    shot("receive_list.png")
    browser.click(".o_pos_shop_sync_incoming", CUSTOMER)
    browser.wait(".o_pos_shop_sync_preview_line", PRODUCTS[-1])
    shot("preview.png")
    browser.click(".o_pos_shop_sync_accept:not([disabled])")
    browser.wait(".o_pos_shop_sync_related_tag", "Related Sync Order")
    browser.wait_gone(".modal")
    browser.wait(".order-container .orderline .product-name", PRODUCTS[-1])
    shot("related_tag.png")

    print("== Shop 2: pay the order")
    browser.click(".product-screen .pay-order-button")
    browser.click(".payment-screen .paymentmethod", "Cash")
    browser.click(".payment-screen .button.next.validation")
    browser.wait(".receipt-screen")

    print("== backend: settings, list and form of the transfers")
    # The settings page shows the terminal changed last: make it Shop 1.
    rpc.call("pos.config", "write", [shops["Shop 1"]], {"shop_sync_can_send": True})
    browser.goto(f"{url}/odoo/settings#point_of_sale")
    browser.wait("#pos_shop_sync_enabled")
    browser.js(
        "document.querySelector('#pos_shop_sync_enabled')"
        ".closest('.o_settings_container').previousElementSibling"
        ".scrollIntoView({block: 'start'})"
    )
    shot("settings.png")

    [action] = rpc.call(
        "ir.actions.act_window",
        "search_read",
        [("res_model", "=", "pos.shop.sync")],
        ["id"],
        limit=1,
    )
    browser.goto(f"{url}/odoo/action-{action['id']}")
    browser.wait(".o_list_view .o_data_row", "Done")
    browser.wait(".o_list_view .o_data_row", "Pending")
    shot("backend_list.png")
    browser.resize(*FORM_SIZE)
    browser.click(".o_list_view .o_data_row td", CUSTOMER)
    browser.wait(
        ".o_form_view .o_statusbar_status button.o_arrow_button_current", "Done"
    )
    browser.wait(".o-mail-Message", "Shop 2")
    shot("backend_form.png")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="Odoo's address")
    parser.add_argument("--db", required=True)
    parser.add_argument("--out-dir", required=True, help="where the PNGs go")
    parser.add_argument(
        "--chrome",
        default=os.environ.get("CHROME_BIN")
        or shutil.which("chromium")
        or shutil.which("google-chrome"),
    )
    args = parser.parse_args()
    if not args.chrome:
        sys.exit("error: Chromium not found: install chromium or set $CHROME_BIN")
    os.makedirs(args.out_dir, exist_ok=True)
    started = time.monotonic()
    browser = None
    with tempfile.TemporaryDirectory(prefix="pos_shop_sync-chrome-") as profile:
        try:
            browser = Browser(args.chrome, profile)
            browser.connect()
            run(args, browser)
        except (StepFailed, OSError, websocket.WebSocketException) as e:
            if browser:
                failure = os.path.join(
                    tempfile.gettempdir(), "pos_shop_sync-failure.png"
                )
                with contextlib.suppress(Exception):  # show the first error only
                    print(f"   the page at the failure: {browser.screenshot(failure)}")
            sys.exit(f"error: {e}")
        finally:
            if browser:
                browser.close()
    print(f"== done in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
