// The idle sign-out warning for staff pages (templates/staff/_timeout.html).
// Progressive enhancement: without it, the page still says the time limit in words.

const dialog = document.getElementById("timeout-warning");

function inWords(seconds) {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts = [];
  if (minutes) parts.push(`${minutes} ${minutes === 1 ? "minute" : "minutes"}`);
  if (rest || !minutes) parts.push(`${rest} ${rest === 1 ? "second" : "seconds"}`);
  return parts.join(" ");
}

if (dialog && typeof dialog.showModal === "function") {
  const idleSeconds = Number(dialog.dataset.idleSeconds);
  const warnSeconds = Math.min(Number(dialog.dataset.warnSeconds), idleSeconds);
  const countdown = dialog.querySelector("[data-timeout-countdown]");
  const warning = dialog.querySelector("[data-timeout-warning]");
  const ended = dialog.querySelector("[data-timeout-ended]");
  const endedTitle = dialog.querySelector("[data-timeout-ended-title]");
  const stay = dialog.querySelector("[data-timeout-stay]");
  const close = dialog.querySelector("[data-timeout-close]");
  let deadline = 0;
  let warnTimer = 0;
  let tick = 0;
  let signedOut = false;

  const secondsLeft = () => Math.max(0, Math.ceil((deadline - Date.now()) / 1000));

  function startClock() {
    clearTimeout(warnTimer);
    clearInterval(tick);
    deadline = Date.now() + idleSeconds * 1000;
    warnTimer = setTimeout(warn, (idleSeconds - warnSeconds) * 1000);
  }

  function update() {
    const left = secondsLeft();
    if (left === 0) {
      end();
    } else {
      countdown.textContent = inWords(left);
    }
  }

  function warn() {
    update();
    if (signedOut) return;
    dialog.showModal();
    stay.focus();
    tick = setInterval(update, 1000);
  }

  function end() {
    clearInterval(tick);
    signedOut = true;
    warning.hidden = true;
    ended.hidden = false;
    dialog.setAttribute("aria-labelledby", "timeout-ended-title");
    dialog.setAttribute("aria-describedby", "timeout-ended-text");
    if (!dialog.open) dialog.showModal();
    endedTitle.focus();
  }

  async function stayOn() {
    try {
      const response = await fetch(dialog.dataset.keepAliveUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": dialog.dataset.csrfToken },
      });
      // A signed-out session is sent to the sign-in page rather than answered.
      if (!response.ok || response.redirected) throw new Error(String(response.status));
    } catch {
      end();
      return;
    }
    dialog.close();
    startClock();
  }

  stay.addEventListener("click", stayOn);
  close.addEventListener("click", () => dialog.close());
  // Escape means "stay signed in", as in the GOV.UK pattern; once signed out it just closes.
  dialog.addEventListener("cancel", (event) => {
    if (!signedOut) {
      event.preventDefault();
      stayOn();
    }
  });
  startClock();
  dialog.dataset.timing = "on"; // for tests: the clock is running
}
