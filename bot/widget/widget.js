/*
 * Harbor & Lane chat widget: a launcher bubble and a chat panel that talk to the Rasa REST channel.
 *
 * Embed with one line (no framework, no build step, no third-party requests):
 *   <script src="https://<host>/widget.js" data-server="https://<rasa-host>" defer></script>
 *
 * Optional attributes on the script tag:
 *   data-phone    the firm's phone number shown when the assistant cannot be reached
 *                 (default "(555) 010-0199")
 *   data-privacy  the privacy notice's URL (default: /privacy on the script's origin)
 *   data-title    the panel's heading (default "Free case review")
 *   data-timeout  request timeout in milliseconds (default 15000)
 *   data-css      the stylesheet's URL (default: widget.css next to widget.js)
 *
 * Protocol: first POST {data-server}/webhooks/rest/conversations, which answers 201 with
 * {"sender": id}, an id the server issued; then POST {data-server}/webhooks/rest/webhook with
 * {"sender": id, "message": text}; the reply is a JSON list of {text, buttons: [{title, payload}]}.
 * The server answers 403 to an id it did not issue (an old or expired one): the widget then asks
 * for a new id and starts over, giving the unsent text back to edit. Bot text is only ever
 * rendered with textContent (a phone number in it becomes a `tel:` link built with DOM calls). The
 * id and the rendered history live in sessionStorage, so the conversation survives a reload and
 * navigation within the site in the same tab; the log shows the latest message (the question and
 * its buttons) after a reload and on every new message. "Start over" (the button, or the words
 * typed alone) asks for a confirmation before anything is cleared.
 */
(function () {
  "use strict";

  if (window.__harborLaneWidget) return;
  window.__harborLaneWidget = true;

  var script = document.currentScript ||
    document.querySelector('script[src*="widget.js"][data-server]') ||
    document.querySelector('script[src*="widget.js"]');
  var data = (script && script.dataset) || {};
  var scriptUrl = new URL((script && script.src) || "widget.js", document.baseURI);

  var server = (data.server || "").trim();
  if (!server || server.indexOf("{{") !== -1) server = ""; // unreplaced placeholder: same origin
  server = server.replace(/\/+$/, "");
  var ENDPOINT = server + "/webhooks/rest/webhook";
  var CONVERSATIONS = server + "/webhooks/rest/conversations";
  var PHONE = (data.phone || "(555) 010-0199").trim();
  var PRIVACY_URL = data.privacy || new URL("/privacy", scriptUrl).href;
  var TITLE = data.title || "Free case review";
  var TIMEOUT_MS = parseInt(data.timeout, 10) > 0 ? parseInt(data.timeout, 10) : 15000;
  var CSS_URL = data.css || new URL("widget.css", scriptUrl).href;
  var MAX_CHARS = 5000;

  var KEY = {
    session: "hlw:session",
    history: "hlw:history",
    greeted: "hlw:greeted",
    open: "hlw:open",
    pending: "hlw:pending",
    draft: "hlw:draft"
  };

  // --- storage (sessionStorage may be unavailable: keep working in memory) ---------------------
  var memoryStore = {};
  function load(key, fallback) {
    var raw;
    try { raw = window.sessionStorage.getItem(key); } catch (e) { raw = memoryStore[key]; }
    if (raw === null || raw === undefined) return fallback;
    try { return JSON.parse(raw); } catch (e) { return fallback; }
  }
  function save(key, value) {
    var raw = JSON.stringify(value);
    try { window.sessionStorage.setItem(key, raw); } catch (e) { memoryStore[key] = raw; }
  }
  function drop(key) {
    try { window.sessionStorage.removeItem(key); } catch (e) { /* memory only */ }
    delete memoryStore[key];
  }

  // The conversation id: issued by the server (see "talking to Rasa"), kept for the tab.
  function storedSessionId() {
    var id = load(KEY.session, null);
    return typeof id === "string" && id ? id : null;
  }

  // --- DOM helpers ---------------------------------------------------------------------------
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (name === "className") node.className = attrs[name];
        else node.setAttribute(name, attrs[name]);
      });
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  // --- phone numbers -------------------------------------------------------------------------
  // A North American number as people write it ("(555) 010-0199", "555-010-0199", "+1 555 010
  // 0199") or an international one in "+" form ("+44 20 7946 0958"). The href is E.164
  // (tel:+15550100199); the link's text stays as written.
  var PHONE_RE = /(?:\+?1[ .\-]?)?(?:\(\d{3}\) ?|\d{3}[ .\-]?)\d{3}[ .\-]?\d{4}|\+[2-9](?:[ .\-]?\d){7,14}/g;
  // A number given as an example of the format to type ("like 206-555-0123") is not a number to call.
  var EXAMPLE_BEFORE = /(?:\blike|\be\.g\.|\bfor example|\bfor instance|\bsuch as)[\s,:]*$/i;

  function e164(written) {
    var digits = written.replace(/\D/g, "");
    if (written.charAt(0) === "+" && digits.charAt(0) !== "1") {
      return digits.length >= 8 && digits.length <= 15 ? "+" + digits : null;
    }
    if (digits.length === 11 && digits.charAt(0) === "1") return "+" + digits;
    if (digits.length === 10) return "+1" + digits;
    return null;
  }

  // [{text}] and [{phone, href}] pieces of a text, in order.
  function phonePieces(text) {
    var pieces = [];
    var from = 0;
    var m;
    PHONE_RE.lastIndex = 0;
    while ((m = PHONE_RE.exec(text)) !== null) {
      var start = m.index;
      var end = start + m[0].length;
      var before = text.charAt(start - 1);
      var after = text.charAt(end);
      var inside = /[\w+\-\/]/.test(before) || /\w/.test(after) ||
        (/[.\-\/]/.test(after) && /\d/.test(text.charAt(end + 1)));
      var href = inside ? null : e164(m[0]);
      if (!href || EXAMPLE_BEFORE.test(text.slice(Math.max(0, start - 24), start))) {
        PHONE_RE.lastIndex = start + 1; // part of something else (an id, a longer number): go on
        continue;
      }
      if (start > from) pieces.push({ text: text.slice(from, start) });
      pieces.push({ phone: m[0], href: "tel:" + href });
      from = end;
    }
    if (from < text.length) pieces.push({ text: text.slice(from) });
    return pieces;
  }

  // The text into `parent` as text nodes, its phone numbers as tap-to-call links (never as HTML).
  function appendLinkedText(parent, text) {
    phonePieces(text).forEach(function (piece) {
      if (piece.phone) {
        parent.appendChild(el("a", { className: "hlw-tel", href: piece.href, "aria-label": "Call " + piece.phone }, piece.phone));
      } else {
        parent.appendChild(document.createTextNode(piece.text));
      }
    });
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  function chatIcon() {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6v2h2V9H7zm4 0v2h2V9h-2zm4 0v2h2V9h-2z");
    svg.appendChild(path);
    return svg;
  }

  // --- build the widget ----------------------------------------------------------------------
  var root = el("div", { className: "hlw-root", id: "hlw-root" });
  root.hidden = true; // shown once the stylesheet has loaded (no unstyled flash)

  var launcher = el("button", {
    className: "hlw-launcher", type: "button", id: "hlw-launcher",
    "aria-haspopup": "dialog", "aria-expanded": "false", "aria-controls": "hlw-panel"
  });
  launcher.appendChild(chatIcon());
  launcher.appendChild(el("span", null, "Chat with us"));

  var panel = el("div", {
    className: "hlw-panel", id: "hlw-panel", role: "dialog",
    "aria-label": "Chat with our intake assistant", "aria-modal": "false"
  });
  panel.hidden = true;

  var header = el("div", { className: "hlw-header" });
  var title = el("h2", { className: "hlw-title", id: "hlw-title" }, TITLE);
  var restartBtn = el("button", { type: "button", className: "hlw-restart", "aria-label": "Start over: clear this conversation" }, "Start over");
  var closeBtn = el("button", { type: "button", className: "hlw-close", "aria-label": "Close chat" }, "\u00d7");
  header.appendChild(title);
  header.appendChild(restartBtn);
  header.appendChild(closeBtn);

  var disclaimer = el("p", { className: "hlw-disclaimer", id: "hlw-disclaimer" },
    "Not legal advice. No attorney-client relationship is formed. In an emergency call 911. ");
  var privacyLink = el("a", { href: PRIVACY_URL, target: "_blank", rel: "noopener" }, "Privacy notice");
  disclaimer.appendChild(privacyLink);

  var log = el("div", {
    className: "hlw-log", id: "hlw-log", role: "log", "aria-live": "polite",
    "aria-relevant": "additions", "aria-label": "Conversation", tabindex: "0"
  });

  var typing = el("div", { className: "hlw-typing", id: "hlw-typing", role: "status" });
  typing.appendChild(el("span", { className: "hlw-dot", "aria-hidden": "true" }));
  typing.appendChild(el("span", { className: "hlw-dot", "aria-hidden": "true" }));
  typing.appendChild(el("span", { className: "hlw-dot", "aria-hidden": "true" }));
  typing.appendChild(el("span", { className: "hlw-sr" }, "The assistant is typing"));
  typing.hidden = true;

  var errorBox = el("div", { className: "hlw-error", id: "hlw-error", role: "alert" });
  errorBox.hidden = true;

  // "Start over?": shown in place of the message box until the person answers.
  var confirmBox = el("div", {
    className: "hlw-confirm", id: "hlw-confirm", role: "alertdialog",
    "aria-labelledby": "hlw-confirm-title", "aria-describedby": "hlw-confirm-text"
  });
  confirmBox.appendChild(el("p", { className: "hlw-confirm-title", id: "hlw-confirm-title" }, "Start over?"));
  confirmBox.appendChild(el("p", { className: "hlw-confirm-text", id: "hlw-confirm-text" },
    "What you've told us so far will be cleared."));
  var confirmActions = el("div", { className: "hlw-confirm-actions" });
  var confirmYes = el("button", { type: "button", className: "hlw-confirm-yes", id: "hlw-confirm-yes" }, "Yes, start over");
  var confirmNo = el("button", { type: "button", className: "hlw-confirm-no", id: "hlw-confirm-no" }, "No, keep going");
  confirmActions.appendChild(confirmYes);
  confirmActions.appendChild(confirmNo);
  confirmBox.appendChild(confirmActions);
  confirmBox.hidden = true;

  var form = el("form", { className: "hlw-form", id: "hlw-form", novalidate: "novalidate" });
  var label = el("label", { "for": "hlw-input", className: "hlw-sr" }, "Your message");
  var input = el("textarea", {
    id: "hlw-input", className: "hlw-input", rows: "1", maxlength: String(MAX_CHARS),
    placeholder: "Type your message\u2026", "aria-describedby": "hlw-disclaimer", autocomplete: "off"
  });
  var sendBtn = el("button", { type: "submit", className: "hlw-send", id: "hlw-send" }, "Send");
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(sendBtn);

  panel.appendChild(header);
  panel.appendChild(disclaimer);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(errorBox);
  panel.appendChild(confirmBox);
  panel.appendChild(form);
  root.appendChild(launcher);
  root.appendChild(panel);

  // --- rendering -----------------------------------------------------------------------------
  var busy = false;
  var generation = 0; // bumped when the conversation is replaced: late answers to the old one are dropped

  // --- scrolling: the log shows the latest message -------------------------------------------
  // The end of the conversation, unless the last message and its buttons are taller than the log:
  // then the message's first line is at the top. The log keeps following while the person has not
  // scrolled back to read, also when the log changes size: the panel laid out after a reload (once
  // the stylesheet is in), a phone's keyboard, the typing indicator or an error box below it.
  var following = true;

  function latestTop() {
    var end = Math.max(0, log.scrollHeight - log.clientHeight);
    var bubbles = log.querySelectorAll(".hlw-msg");
    var last = bubbles[bubbles.length - 1];
    if (!last) return end;
    var top = last.getBoundingClientRect().top - log.getBoundingClientRect().top + log.scrollTop - 8;
    return Math.max(0, Math.min(end, Math.floor(top)));
  }

  function scrollToLatest() {
    following = true;
    if (log.clientHeight) log.scrollTop = latestTop(); // else not laid out yet: done when it is
  }

  log.addEventListener("scroll", function () {
    if (log.clientHeight) following = Math.abs(log.scrollTop - latestTop()) < 24;
  });
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () { if (following) scrollToLatest(); }).observe(log);
  } else {
    window.addEventListener("resize", function () { if (following) scrollToLatest(); });
  }

  function renderEntry(entry, index) {
    var who = entry.from === "user" ? "You" : (entry.from === "notice" ? "Notice" : "Assistant");
    var bubble = el("div", { className: "hlw-msg hlw-msg-" + entry.from, "data-index": String(index) });
    bubble.appendChild(el("span", { className: "hlw-sr" }, who + ": "));
    if (entry.from === "user") bubble.appendChild(document.createTextNode(entry.text || ""));
    else appendLinkedText(bubble, entry.text || "");
    if (entry.failed) {
      bubble.classList.add("hlw-msg-failed");
      bubble.appendChild(el("span", { className: "hlw-msg-status" }, "Not sent"));
    }
    log.appendChild(bubble);
    if (entry.from === "bot" && entry.buttons && entry.buttons.length && entry.choicesOpen) {
      var group = el("div", { className: "hlw-choices", role: "group", "aria-label": "Suggested replies" });
      entry.buttons.forEach(function (b) {
        var btn = el("button", { type: "button", className: "hlw-choice" }, b.title);
        btn.addEventListener("click", function () {
          if (busy) return;
          closeConfirm(); // answering the question is a "no" to starting over
          closeChoices();
          input.focus(); // the button is gone: keep the keyboard user in the panel
          send(b.payload || b.title, b.title);
        });
        group.appendChild(btn);
      });
      log.appendChild(group);
    }
  }

  function renderAll() {
    while (log.firstChild) log.removeChild(log.firstChild);
    load(KEY.history, []).forEach(renderEntry);
    scrollToLatest();
  }

  function addEntry(entry) {
    var history = load(KEY.history, []);
    history.push(entry);
    save(KEY.history, history);
    renderEntry(entry, history.length - 1);
    scrollToLatest();
    return history.length - 1;
  }

  function updateEntry(index, changes) {
    var history = load(KEY.history, []);
    if (!history[index]) return;
    Object.keys(changes).forEach(function (k) { history[index][k] = changes[k]; });
    save(KEY.history, history);
    var bubble = log.querySelector('[data-index="' + index + '"]');
    if (!bubble) return;
    var status = bubble.querySelector(".hlw-msg-status");
    if (history[index].failed) {
      bubble.classList.add("hlw-msg-failed");
      if (!status) bubble.appendChild(el("span", { className: "hlw-msg-status" }, "Not sent"));
    } else {
      bubble.classList.remove("hlw-msg-failed");
      if (status) status.parentNode.removeChild(status);
    }
  }

  function closeChoices() {
    var history = load(KEY.history, []);
    var changed = false;
    history.forEach(function (e) { if (e.choicesOpen) { e.choicesOpen = false; changed = true; } });
    if (changed) save(KEY.history, history);
    Array.prototype.forEach.call(log.querySelectorAll(".hlw-choices"), function (g) { g.parentNode.removeChild(g); });
  }

  function setBusy(value) {
    busy = value;
    typing.hidden = !value;
    sendBtn.disabled = value;
    sendBtn.setAttribute("aria-busy", value ? "true" : "false");
    if (value) scrollToLatest();
  }

  function hideError() {
    errorBox.hidden = true;
    while (errorBox.firstChild) errorBox.removeChild(errorBox.firstChild);
  }

  function showError(message, withRetry) {
    hideError();
    var p = el("p", null, message + " ");
    p.appendChild(document.createTextNode("You can also call us at "));
    var tel = el("a", { href: "tel:" + (e164(PHONE) || PHONE.replace(/[^0-9+]/g, "")) }, PHONE);
    p.appendChild(tel);
    p.appendChild(document.createTextNode("."));
    errorBox.appendChild(p);
    if (withRetry) {
      var actions = el("div", { className: "hlw-error-actions" });
      var retry = el("button", { type: "button", className: "hlw-retry", id: "hlw-retry" }, "Try again");
      retry.addEventListener("click", retryPending);
      actions.appendChild(retry);
      errorBox.appendChild(actions);
    }
    errorBox.hidden = false;
  }

  // --- talking to Rasa -----------------------------------------------------------------------
  function botEntries(list) {
    var out = [];
    (Array.isArray(list) ? list : []).forEach(function (m) {
      if (!m || typeof m !== "object") return;
      var buttons = Array.isArray(m.buttons) ? m.buttons.filter(function (b) {
        return b && typeof b.title === "string";
      }).map(function (b) {
        return { title: b.title, payload: typeof b.payload === "string" ? b.payload : b.title };
      }) : [];
      var text = typeof m.text === "string" ? m.text : "";
      if (!text && typeof m.image === "string") text = m.image;
      if (!text && !buttons.length) return;
      out.push({ from: "bot", text: text, buttons: buttons, choicesOpen: buttons.length > 0 });
    });
    return out;
  }

  function serverText(body) {
    if (Array.isArray(body)) {
      return body.map(function (m) { return m && typeof m.text === "string" ? m.text : ""; })
        .filter(Boolean).join("\n");
    }
    if (body && typeof body.error === "string") return body.error;
    return "";
  }

  function postJson(url, payload) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, TIMEOUT_MS);
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(payload),
      signal: controller ? controller.signal : undefined,
      credentials: "omit",
      mode: "cors"
    }).then(function (res) {
      return res.text().then(function (raw) {
        var body = null;
        try { body = raw ? JSON.parse(raw) : null; } catch (e) { body = null; }
        return { status: res.status, ok: res.ok, body: body };
      });
    }).finally(function () { clearTimeout(timer); });
  }

  // The stored id, or a new one from the server: {ok: true, sender} or the failed answer.
  function conversationId() {
    var stored = storedSessionId();
    if (stored) return Promise.resolve({ ok: true, sender: stored, issuedNow: false });
    return postJson(CONVERSATIONS, {}).then(function (res) {
      var sender = res.ok && res.body && typeof res.body.sender === "string" ? res.body.sender : "";
      if (!sender) return { ok: false, status: res.ok ? 502 : res.status, body: res.body };
      save(KEY.session, sender);
      return { ok: true, sender: sender, issuedNow: true };
    });
  }

  // {status, ok, body} of the message (or of the id request, when that failed); `refused` when
  // the server did not know the conversation's id.
  function post(message) {
    return conversationId().then(function (id) {
      if (!id.ok) return id;
      return postJson(ENDPOINT, { sender: id.sender, message: message }).then(function (res) {
        res.refused = res.status === 403;
        res.issuedNow = id.issuedNow;
        return res;
      });
    });
  }

  // pending = {message, display, index}: the one message that has not reached the assistant yet
  function send(message, display, existingIndex) {
    if (busy) return;
    hideError();
    var index = existingIndex;
    if (display !== null && display !== undefined && index === undefined) {
      index = addEntry({ from: "user", text: display });
    }
    var pending = { message: message, display: display, index: index };
    save(KEY.pending, pending);
    setBusy(true);
    var gen = generation;
    post(message).then(function (res) {
      if (gen !== generation) return; // the conversation was started over meanwhile
      setBusy(false);
      if (res.refused && !res.issuedNow) {
        // An id from before (expired, or the server's key changed): start a new conversation.
        // (An id issued for this very message and refused is an error on the server's side: it
        // is reported below like any other refusal, so the widget cannot loop.)
        startAfresh(display);
        return;
      }
      if (res.ok) {
        drop(KEY.pending);
        if (index !== undefined) updateEntry(index, { failed: false });
        botEntries(res.body).forEach(addEntry);
        return;
      }
      var text = serverText(res.body);
      if (index !== undefined) updateEntry(index, { failed: true });
      if (res.status === 413) {
        // Too long: nothing to retry as is. Give the text back to edit, and say why.
        drop(KEY.pending);
        if (display && !input.value) { input.value = display; saveDraft(); }
        addEntry({ from: "notice", text: text || "That message is too long. Please send it in shorter parts." });
        input.focus();
        return;
      }
      if (res.status === 429) {
        addEntry({ from: "notice", text: text || "You're sending messages too quickly. Please wait a moment." });
        showError("Your message was not sent yet. Wait a moment, then press Try again.", true);
        return;
      }
      if (res.status >= 400 && res.status < 500 && text) {
        showError("Our assistant could not accept that message (" + text + ").", true);
        return;
      }
      showError("Sorry, our assistant is having trouble right now. Your message was not lost.", true);
    }).catch(function (err) {
      if (gen !== generation) return;
      setBusy(false);
      if (index !== undefined) updateEntry(index, { failed: true });
      var slow = err && err.name === "AbortError";
      showError(slow
        ? "Our assistant is taking too long to answer. Your message was not lost."
        : "We can't reach our assistant right now. Your message was not lost.", true);
    });
  }

  function retryPending() {
    var pending = load(KEY.pending, null);
    if (!pending) { hideError(); return; }
    send(pending.message, pending.display, pending.index === null ? undefined : pending.index);
  }

  function greetIfNeeded() {
    if (load(KEY.greeted, false)) return;
    save(KEY.greeted, true);
    send("/greet", null);
  }

  // The server refused the stored id: a new conversation (new id, new greeting), with a word of
  // explanation and the unsent text given back to edit.
  function startAfresh(unsent) {
    generation += 1;
    [KEY.history, KEY.greeted, KEY.pending, KEY.session].forEach(drop);
    hideError();
    renderAll();
    addEntry({ from: "notice", text: "This conversation had expired, so we have started a new one." });
    if (unsent && !input.value) { input.value = unsent; saveDraft(); }
    greetIfNeeded();
  }

  function startOver() {
    var oldId = storedSessionId();
    if (oldId) {
      try {
        fetch(ENDPOINT, {
          method: "POST", headers: { "Content-Type": "application/json" }, keepalive: true,
          credentials: "omit", mode: "cors",
          body: JSON.stringify({ sender: oldId, message: "/restart" })
        }).catch(function () { /* best effort: the old conversation is abandoned either way */ });
      } catch (e) { /* ignore */ }
    }
    // The new conversation gets a new id from the server with its first message (the greeting).
    generation += 1;
    [KEY.history, KEY.greeted, KEY.pending, KEY.draft, KEY.session].forEach(drop);
    busy = false;
    setBusy(false);
    hideError();
    renderAll();
    input.value = "";
    greetIfNeeded();
    input.focus();
  }

  // --- "Start over?" ---------------------------------------------------------------------------
  // The header's button, or the words typed alone ("start over", "can we restart"), ask first;
  // "No" (or Escape) keeps everything. Other ways of saying it reach the assistant as they are.
  var RESTART_WORDS = new RegExp("^(?:(?:ok|okay|please|so|hey|actually|sorry|um|hmm)\\s+)*" +
    "(?:(?:can|could|may)\\s+(?:we|i)\\s+|i(?:\\s+(?:want|would like|wanna|need)|'?d\\s+like)\\s+(?:to\\s+)?|let'?s\\s+|let\\s+me\\s+)?" +
    "(?:just\\s+)?" +
    "(?:start\\s+(?:(?:this|it|all|everything)\\s+)?over|start\\s+(?:again|fresh|afresh)" +
    "|start\\s+from\\s+(?:the\\s+)?(?:beginning|start|scratch)|restart(?:\\s+(?:the\\s+)?(?:chat|conversation))?" +
    "|begin\\s+again|reset\\s+(?:the\\s+)?chat|(?:start\\s+)?(?:a\\s+)?new\\s+(?:chat|conversation))" +
    "(?:\\s+(?:please|pls|plz))?$");

  function asksToStartOver(text) {
    var words = text.toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[.!?,;:]+/g, " ")
      .replace(/\s+/g, " ").trim();
    return RESTART_WORDS.test(words);
  }

  var confirmReturn = null; // where focus goes back after "No"

  function askStartOver(returnTo) {
    if (confirmBox.hidden) {
      confirmReturn = returnTo;
      confirmBox.hidden = false;
      form.hidden = true;
    }
    confirmNo.focus(); // the choice that loses nothing
  }

  function closeConfirm() {
    confirmBox.hidden = true;
    form.hidden = false;
    confirmReturn = null;
  }

  function keepGoing() {
    var back = confirmReturn || input;
    closeConfirm();
    back.focus();
  }

  confirmNo.addEventListener("click", keepGoing);
  confirmYes.addEventListener("click", function () {
    closeConfirm();
    startOver();
  });

  // --- open / close --------------------------------------------------------------------------
  function open(moveFocus) {
    panel.hidden = false;
    root.classList.add("hlw-open");
    launcher.setAttribute("aria-expanded", "true");
    save(KEY.open, true);
    scrollToLatest();
    if (moveFocus) input.focus();
    greetIfNeeded();
  }
  function close() {
    closeConfirm(); // closing the panel is not a "yes"
    panel.hidden = true;
    root.classList.remove("hlw-open");
    launcher.setAttribute("aria-expanded", "false");
    save(KEY.open, false);
    launcher.focus();
  }

  function saveDraft() { save(KEY.draft, input.value); }

  launcher.addEventListener("click", function () { open(true); });
  closeBtn.addEventListener("click", close);
  restartBtn.addEventListener("click", function () { askStartOver(restartBtn); });
  document.addEventListener("keydown", function (e) {
    if ((e.key === "Escape" || e.key === "Esc") && !panel.hidden) {
      var active = document.activeElement;
      // Escape closes the panel from inside it, or when focus has fallen back to the page body.
      if (!active || active === document.body || panel.contains(active)) {
        e.preventDefault();
        if (!confirmBox.hidden) keepGoing(); // Escape answers "No" first
        else close();
      }
    }
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      if (typeof form.requestSubmit === "function") form.requestSubmit();
      else form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  input.addEventListener("input", saveDraft);
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var text = input.value.trim();
    if (!text || busy) return;
    if (asksToStartOver(text)) {
      input.value = ""; // the words were a request, answered by the confirmation
      saveDraft();
      askStartOver(input);
      return;
    }
    if (load(KEY.pending, null)) drop(KEY.pending); // a new message replaces the unsent one (still shown as "Not sent")
    closeChoices();
    input.value = "";
    saveDraft();
    send(text, text);
  });

  // --- start ---------------------------------------------------------------------------------
  function mount() {
    var link = el("link", { rel: "stylesheet", href: CSS_URL });
    var shown = false;
    function show() {
      if (shown) return;
      shown = true;
      root.hidden = false;
    }
    link.addEventListener("load", show);
    link.addEventListener("error", function () {
      // No stylesheet: keep the launcher usable (CSSOM styles are allowed under a strict CSP).
      launcher.style.position = "fixed";
      launcher.style.right = "20px";
      launcher.style.bottom = "20px";
      panel.style.position = "fixed";
      panel.style.right = "0";
      panel.style.bottom = "0";
      panel.style.background = "#ffffff";
      panel.style.maxWidth = "100%";
      show();
    });
    setTimeout(show, 3000);
    (document.head || document.documentElement).appendChild(link);
    document.body.appendChild(root);

    renderAll();
    input.value = load(KEY.draft, "") || "";
    if (load(KEY.pending, null) && load(KEY.greeted, false)) {
      showError("Your last message was not sent.", true);
    }
    if (load(KEY.open, false)) open(false);
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
