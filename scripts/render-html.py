#!/usr/bin/env python3
"""Renders HTML reports in headless Chromium and checks them (scripts/check-html runs it).

For each page: loads it from a file:// URL at a fixed window size, waits for the load event,
fails on any console error, uncaught exception or blocked resource (a Content-Security-Policy
violation is a console error), checks that every chart (`svg.chart`) has a non-zero size and
that there is at least one, and that the page holds one script (its own), and takes a PNG
screenshot, WIDTH wide, of the page from its top to the end of its charts (the summary and the
charts; at most SHOT_MAX pixels high).

Chromium is driven over the DevTools protocol through a pipe (--remote-debugging-pipe: JSON
messages separated by NUL bytes on file descriptors 3 and 4), so nothing but the standard
library and Chromium is needed, and nothing listens on a port. One browser serves every page.

Usage: render-html.py CHROMIUM OUT_DIR PAGE.html…   (screenshots: OUT_DIR/<page name>.png)
"""
import base64
import json
import os
import subprocess
import sys
import tempfile
import time

WIDTH, HEIGHT = 1100, 1400
SHOT_MAX = 2600
TIMEOUT = 30.0


class Browser:
    def __init__(self, chromium, profile):
        # Chromium reads commands on fd 3 and writes replies and events on fd 4.
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()
        args = [chromium, "--headless=new", "--remote-debugging-pipe", f"--user-data-dir={profile}",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-gpu",
                "--disable-background-networking", "--disable-sync", "--disable-component-update",
                "--hide-scrollbars", "--mute-audio", f"--window-size={WIDTH},{HEIGHT}", "--force-device-scale-factor=1"]
        if os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
        self.proc = subprocess.Popen(args + ["about:blank"], pass_fds=(3, 4), stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     preexec_fn=lambda: (os.dup2(cmd_r, 3), os.dup2(res_w, 4)))
        os.close(cmd_r)
        os.close(res_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        want = self.next_id
        while True:
            m = self.read()
            if m.get("id") == want:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def read(self):
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self.buf:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self.res_r, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium exited: " + self.proc.stderr.read().decode(errors="replace")[-2000:])
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def wait_event(self, method, session):
        while True:
            for i, e in enumerate(self.events):
                if e.get("method") == method and e.get("sessionId") == session:
                    return self.events.pop(i)
            self.events.append(self.read())

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


CHECK = """(() => {
  const charts = [...document.querySelectorAll('svg.chart')].map(s => {
    const r = s.getBoundingClientRect();
    return {id: (s.closest('figure') || {}).id || '', width: r.width, height: r.height};
  });
  const end = document.getElementById('charts');
  const bottom = end ? end.getBoundingClientRect().bottom + window.scrollY : 0;
  return JSON.stringify({charts, bottom, scripts: document.scripts.length, cases: document.querySelectorAll('section.case').length,
                         title: document.title});
})()"""


def problems_in(events, session):
    """Console errors, uncaught exceptions and error log entries (CSP violations, failed loads)."""
    found = []
    for e in events:
        if e.get("sessionId") != session:
            continue
        m, p = e.get("method"), e.get("params", {})
        if m == "Runtime.exceptionThrown":
            found.append("uncaught: " + json.dumps(p.get("exceptionDetails", {}).get("text", ""), ensure_ascii=False))
        elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
            found.append("console." + p["type"] + ": " + json.dumps([a.get("value", a.get("description")) for a in p.get("args", [])], ensure_ascii=False))
        elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
            found.append("log: " + p["entry"].get("text", ""))
        elif m == "Page.javascriptDialogOpening":
            found.append("a dialog opened: " + p.get("message", ""))
    return found


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 64
    chromium, out_dir, pages = sys.argv[1], sys.argv[2], sys.argv[3:]
    os.makedirs(out_dir, exist_ok=True)
    failed = 0
    with tempfile.TemporaryDirectory(prefix="rulebook-chromium-") as profile:
        b = Browser(chromium, profile)
        try:
            for page in pages:
                target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
                s = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
                for domain in ("Page", "Runtime", "Log"):
                    b.send(domain + ".enable", session=s)
                b.send("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": HEIGHT, "deviceScaleFactor": 1, "mobile": False}, session=s)
                b.send("Page.navigate", {"url": "file://" + os.path.abspath(page)}, session=s)
                b.wait_event("Page.loadEventFired", s)
                result = json.loads(b.send("Runtime.evaluate", {"expression": CHECK, "returnByValue": True}, session=s)["result"]["value"])
                # The top of the page down to the end of the charts (at most SHOT_MAX pixels).
                height = max(HEIGHT, min(SHOT_MAX, int(result["bottom"]) + 16))
                shot = b.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True,
                                                         "clip": {"x": 0, "y": 0, "width": WIDTH, "height": height, "scale": 1}}, session=s)["data"]
                name = os.path.splitext(os.path.basename(page))[0]
                with open(os.path.join(out_dir, name + ".png"), "wb") as f:
                    f.write(base64.b64decode(shot))
                # Events that arrived after the load (a late script error) are in by now.
                problems = problems_in(b.events, s)
                charts = result["charts"]
                if not charts:
                    problems.append("no chart (svg.chart) on the page")
                problems += [f"chart {c['id'] or '?'} has size {c['width']}x{c['height']}" for c in charts if c["width"] <= 0 or c["height"] <= 0]
                if result["scripts"] != 1:
                    problems.append(f"{result['scripts']} scripts on the page, expected the report's one")
                status = "FAIL" if problems else "ok"
                print(f"{status} {page}: {len(charts)} charts, {result['cases']} cases listed")
                for p in problems:
                    print("  " + p)
                failed += bool(problems)
                b.events = [e for e in b.events if e.get("sessionId") != s]
                b.send("Target.closeTarget", {"targetId": target})
        finally:
            b.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
