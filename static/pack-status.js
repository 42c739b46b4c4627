// The committee pack status page: ask every few seconds whether the PDF is ready, then show its link.
// Without JavaScript the page has a "Check again now" link instead.
const panel = document.querySelector("[data-pack-status]");
const EVERY_MS = 3000;
const GIVE_UP_AFTER = 200; // about 10 minutes; the page's own link still works after that

function showReady(answer) {
  panel.querySelector("[data-pack-heading]").textContent = "Your committee pack is ready";
  panel.querySelector("[data-pack-size]").textContent = answer.size ? `, ${answer.size}` : "";
  panel.querySelector("[data-pack-message]").innerHTML =
    '<p class="govuk-body">Your committee pack is ready to download.</p>';
  panel.querySelector("[data-pack-download]").hidden = false;
  panel.querySelector("[data-pack-check-again]").hidden = true;
}

function showFailed() {
  panel.querySelector("[data-pack-heading]").textContent = "The committee pack could not be made";
  panel.querySelector("[data-pack-message]").innerHTML =
    '<p class="govuk-body">We could not make the committee pack. Try again in 5 minutes.</p>';
}

async function check(tries) {
  try {
    const response = await fetch(panel.dataset.packStatusUrl, {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      const answer = await response.json();
      if (answer.state === "ready") return showReady(answer);
      if (answer.state === "failed") return showFailed();
    }
  } catch {
    // offline for a moment: ask again at the next tick
  }
  if (tries < GIVE_UP_AFTER) setTimeout(() => check(tries + 1), EVERY_MS);
}

if (panel && panel.dataset.packStatus === "queued") setTimeout(() => check(1), EVERY_MS);
