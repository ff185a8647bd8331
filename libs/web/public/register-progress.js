/* global document, window, fetch */
// Enhancement only: without JavaScript the register import page refreshes itself (a <noscript>
// meta refresh). With it, this polls the import's status and moves the progress bar, then
// reloads the page once the work has finished, so the server shows the preview or the result.
const POLL_MS = 1000;

const root = document.querySelector('[data-register-progress]');

if (root) {
  const bar = root.querySelector('progress');
  const text = root.querySelector('[role="status"]');
  const statusUrl = root.getAttribute('data-status-url');
  let lastText = text ? text.textContent : '';

  const poll = async () => {
    try {
      const response = await fetch(statusUrl, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store',
      });
      if (!response.ok) {
        // Signed out or gone: the page itself says why.
        window.location.reload();
        return;
      }
      const status = await response.json();
      if (!status.running) {
        window.location.reload();
        return;
      }
      if (bar) bar.value = status.percent;
      // The live region speaks only when the words change, not on every poll.
      if (text && status.text !== lastText) {
        text.textContent = status.text;
        lastText = status.text;
      }
    } catch {
      // A dropped connection: try again on the next tick.
    }
    window.setTimeout(poll, POLL_MS);
  };

  window.setTimeout(poll, POLL_MS);
}
