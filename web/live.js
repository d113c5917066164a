// Live totals for the pledge page: a WebSocket to the pledge's live-count object,
// reconnecting with exponential backoff, falling back to polling the counts API.
// The page is complete without this script; it only keeps the numbers fresh.
(() => {
  var root = document.querySelector('[data-pledge]');
  if (!root || !window.fetch) return;
  var slug = root.getAttribute('data-pledge');
  var region = document.querySelector('[data-live-region]');
  var lang = document.documentElement.lang;
  var fmt = new Intl.NumberFormat(lang === 'en' ? 'en' : lang === 'zh-Hant' ? 'zh-TW' : 'zh-CN');
  var keys = ['individuals', 'societies'];
  var current = {};
  keys.forEach((k) => {
    var el = document.querySelector('[data-count="' + k + '"]');
    current[k] = el ? Number(el.getAttribute('data-value')) : NaN;
  });
  var announceTimer = 0;
  var lastAnnounced = 0;
  var failures = 0;
  var healthy = false;
  var polling = false;
  var ws = null;
  var pingTimer = 0;
  var pollTimer = 0;

  // Screen readers hear the new total politely, at most once every 10 s.
  function announce() {
    if (!region || announceTimer) return;
    announceTimer = setTimeout(
      () => {
        announceTimer = 0;
        lastAnnounced = Date.now();
        var el = document.querySelector('[data-count="individuals"]');
        if (el && el.parentNode) region.textContent = el.parentNode.textContent.replace(/\s+/g, ' ').trim();
      },
      Math.max(0, lastAnnounced + 10000 - Date.now()),
    );
  }

  function apply(m) {
    var changed = false;
    keys.forEach((k) => {
      if (typeof m[k] !== 'number' || m[k] === current[k]) return;
      current[k] = m[k];
      changed = true;
      document.querySelectorAll('[data-count="' + k + '"]').forEach((el) => {
        el.textContent = fmt.format(m[k]);
        el.setAttribute('data-value', String(m[k]));
      });
    });
    var bar = document.querySelector('[data-progress]');
    var pct = document.querySelector('[data-pct]');
    if (changed && bar) {
      bar.value = Math.min(current.individuals, bar.max);
      if (pct) pct.textContent = String(Math.floor((100 * current.individuals) / bar.max));
    }
    if (changed) announce();
  }

  function live() {
    return ws && ws.readyState === 1 && healthy;
  }

  // One polling loop at a time; it stops once the socket delivers again. no-cache:
  // always revalidate (ETag, cheap 304), never take a stale copy from the HTTP cache.
  function poll() {
    clearTimeout(pollTimer);
    if (polling) return;
    polling = true;
    fetch('/api/pledges/' + encodeURIComponent(slug) + '/counts', { cache: 'no-cache', headers: { accept: 'application/json' } })
      .then((r) => (r.ok ? r.json() : null))
      .then((m) => {
        if (m) apply(m);
      })
      .catch(() => {})
      .then(() => {
        polling = false;
        if (!live()) pollTimer = setTimeout(poll, document.hidden ? 60000 : 15000);
      });
  }

  function connect() {
    if (!window.WebSocket) return poll();
    var url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/api/pledges/' + encodeURIComponent(slug) + '/live';
    try {
      ws = new WebSocket(url);
    } catch (e) {
      return poll();
    }
    ws.onopen = () => {
      pingTimer = setInterval(() => {
        if (ws && ws.readyState === 1) ws.send('ping');
      }, 30000);
    };
    ws.onmessage = (e) => {
      var m;
      try {
        m = JSON.parse(e.data);
      } catch (err) {
        return; /* pong */
      }
      if (!m || m.type !== 'counts') return;
      // The server sends the counts on connect: only now is the socket known to work.
      healthy = true;
      failures = 0;
      clearTimeout(pollTimer);
      apply(m);
    };
    ws.onclose = () => {
      clearInterval(pingTimer);
      ws = null;
      failures += 1;
      // A socket never delivered after a few tries: the network blocks WebSockets,
      // so poll, and try a socket again in five minutes.
      if (!healthy && failures >= 3) {
        poll();
        setTimeout(() => {
          failures = 0;
          connect();
        }, 300000);
        return;
      }
      // Otherwise reconnect with exponential backoff (1 s, 2 s, 4 s ... 30 s, jittered),
      // polling meanwhile once it is not a one-off.
      var delay = Math.min(30000, 1000 * 2 ** (failures - 1));
      setTimeout(connect, delay / 2 + (Math.random() * delay) / 2);
      if (failures > 1) poll();
    };
  }

  connect();
})();
