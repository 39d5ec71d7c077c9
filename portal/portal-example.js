// The example portal's script: a file, not inline, because the console's
// Content-Security-Policy allows no inline script. Every URL is relative to this page, so the
// example works wherever the console is served (/, /infoRouter/accounts/, …).

// Where the console is: this page's folder by default; ?console=<URL> points elsewhere.
const consoleBase = new URL(new URLSearchParams(location.search).get("console") || ".", location.href);
if (!consoleBase.pathname.endsWith("/")) consoleBase.pathname += "/";
const consoleOrigin = consoleBase.origin;
// Where srv.asmx is, for the portal's own sign-in: the page's inforouter:api-base meta.
const apiBase = document.querySelector('meta[name="inforouter:api-base"]').content || "/srv.asmx";
const frames = [...document.querySelectorAll("iframe[data-view]")];
const theme = { "--accent": "#5b3a29", "--font": "Georgia, serif", "--radius": "4px" };
let ticket = null;
const log = (line) => { document.getElementById("events").textContent += line + "\n"; };

for (const f of frames) f.src = new URL("embed/" + f.dataset.view, consoleBase).href;

function handOver(frame) {
  if (!ticket) return;
  frame.contentWindow.postMessage({ type: "inforouter:theme", vars: theme }, consoleOrigin);
  frame.contentWindow.postMessage({ type: "inforouter:ticket", ticket }, consoleOrigin);
}

window.addEventListener("message", (ev) => {
  if (ev.origin !== consoleOrigin || !ev.data || typeof ev.data.type !== "string") return;
  const frame = frames.find((f) => f.contentWindow === ev.source);
  const name = frame ? frame.dataset.view : "?";
  const { type, ...rest } = ev.data;
  if (type === "inforouter:height" && frame) { frame.style.height = ev.data.height + "px"; return; }
  log(name + "  " + type + "  " + JSON.stringify(rest));
  if (type === "inforouter:ready" && frame) handOver(frame);
});

document.getElementById("login").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const body = new URLSearchParams({
    UID: document.getElementById("uid").value,
    PWD: document.getElementById("pwd").value,
  });
  const status = document.getElementById("login-status");
  try {
    const res = await fetch(new URL(apiBase + "/AuthenticateUser", location.href), { method: "POST", body });
    const doc = new DOMParser().parseFromString(await res.text(), "application/xml");
    const root = doc.documentElement;
    if ((root.getAttribute("success") || "").toLowerCase() !== "true") {
      status.textContent = "Sign-in failed: " + root.getAttribute("error");
      return;
    }
    ticket = root.getAttribute("ticket");
    status.textContent = "Signed in as " + root.getAttribute("fullname") + ".";
    frames.forEach(handOver);
  } catch (e) {
    status.textContent = "Sign-in failed: " + e;
  }
});
