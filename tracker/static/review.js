/* Review page, progressive enhancement (every form works without it, one page load per correction):
   - selecting text in the source fills in the "Add a record" form (start, end, the quoted text, the item);
   - selecting a place in a record's text fills in where its "Split in two" form cuts;
   - moving through the records (focus or pointer) highlights each one's passage in the source beside them;
   - corrections are sent in the background and the page's main part is swapped for the answer, so an editor
     keeps their place and fixes many records in one page load.
   Offsets count only the minutes text, never the kind labels set into it, so they match the stored text. */
(function () {
  "use strict";
  if (!document.getElementById("source-text") || !window.getSelection || !document.createTreeWalker ||
      !window.fetch || !window.DOMParser || !window.FormData) { return; }
  document.documentElement.className += " js";
  var wide = window.matchMedia ? window.matchMedia("(min-width: 64rem)") : { matches: false };

  function byId(id) { return document.getElementById(id); }

  function inLabel(node) {
    var parent = node.parentNode;
    return parent && parent.closest && parent.closest(".mark-label, .mark-end") !== null;
  }

  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) { return inLabel(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    return nodes;
  }

  // The offset in `nodes`' joined text of a selection boundary (container, offset).
  function offsetOf(container, offset, nodes) {
    var point = document.createRange();
    point.setStart(container, offset);
    point.collapse(true);
    var total = 0;
    for (var i = 0; i < nodes.length; i += 1) {
      if (nodes[i] === container) { return total + offset; }
      if (point.comparePoint(nodes[i], 0) >= 0) { return total; }
      total += nodes[i].length;
    }
    return total;
  }

  function say(element, message) { if (element) { element.textContent = message; } }

  // --- a selection in the source fills in the add form --------------------------------------------
  function fillAdd(range) {
    var source = byId("source-text");
    var form = byId("add-form");
    if (!form) { return; }
    var nodes = textNodes(source);
    var text = nodes.map(function (node) { return node.data; }).join("");
    var start = offsetOf(range.startContainer, range.startOffset, nodes);
    var end = offsetOf(range.endContainer, range.endOffset, nodes);
    while (start < end && /\s/.test(text.charAt(start))) { start += 1; }
    while (end > start && /\s/.test(text.charAt(end - 1))) { end -= 1; }
    if (end <= start) { return; }
    form.elements.start.value = String(start);
    form.elements.end.value = String(end);
    form.elements.quote.value = text.slice(start, end);
    form.elements.occurrence.value = "";
    var item = form.elements.namedItem("item");  // not .item: that is the collection's own method
    var options = item.options;
    for (var i = 0; i < options.length; i += 1) {
      var from = parseInt(options[i].getAttribute("data-start"), 10);
      var to = parseInt(options[i].getAttribute("data-end"), 10);
      if (from <= start && start < to) { item.selectedIndex = i; break; }
    }
    var details = form.closest("details");
    if (details) { details.open = true; }
    say(byId("selection-status"), "Selected " + (end - start) + " characters (" + start + " to " + end +
      "). The Add a record form is filled in: choose its kind (or Agenda item, for a missed heading), then add it.");
  }

  // --- a place selected in a record's text sets where it splits -------------------------------------
  function fillSplit(range, paragraph) {
    var record = paragraph.closest(".review-record");
    var input = record && record.querySelector("input[data-split-at]");
    if (!input) { return; }
    var text = paragraph.textContent;
    var at = offsetOf(range.startContainer, range.startOffset, textNodes(paragraph));
    while (at < text.length && /\s/.test(text.charAt(at))) { at += 1; }
    if (at <= 0 || at >= text.length) { input.value = ""; return; }
    input.value = String(at);
    var details = record.querySelector("details");
    if (details) { details.open = true; }
    var words = text.slice(at, at + 40).replace(/\s+/g, " ");
    say(record.querySelector(".split-hint"), "“Split in two” will start the second part at “" + words +
      (at + 40 < text.length ? "…" : "") + "”.");
  }

  var timer = null;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var selection = window.getSelection();
      if (!selection.rangeCount) { return; }
      var range = selection.getRangeAt(0);
      var source = byId("source-text");
      var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentNode;
      var paragraph = start && start.closest ? start.closest(".review-record .record-text") : null;
      if (paragraph) { fillSplit(range, paragraph); return; }
      if (!selection.isCollapsed && source.contains(range.startContainer) && source.contains(range.endContainer)) {
        fillAdd(range);
      }
    }, 250);
  });

  // --- the current record's passage is highlighted in the source ------------------------------------
  var current = "";
  function showInSource(record) {
    var key = record.id.replace(/^rec-/, "");
    if (key === current) { return; }
    current = key;
    var source = byId("source-text");
    var marks = source.querySelectorAll("mark.current");
    for (var i = 0; i < marks.length; i += 1) { marks[i].classList.remove("current"); }
    marks = source.querySelectorAll('mark[data-records~="' + key + '"]');
    for (var j = 0; j < marks.length; j += 1) { marks[j].classList.add("current"); }
    if (marks.length && wide.matches) {  // side by side: bring it into the source pane's view, not the page's
      var first = marks[0];
      var top = first.offsetTop - source.offsetTop;
      if (top < source.scrollTop || top > source.scrollTop + source.clientHeight - 40) {
        source.scrollTop = Math.max(0, top - source.clientHeight / 3);
      }
    }
  }
  function follow(event) {
    var record = event.target.closest ? event.target.closest(".review-record") : null;
    if (record && byId("records") && byId("records").contains(record)) { showInSource(record); }
  }
  document.addEventListener("focusin", follow);
  document.addEventListener("pointerover", follow);

  // --- corrections in place ---------------------------------------------------------------------------
  function swap(html, url) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var main = byId("main");
    var next = fresh.getElementById("main");
    if (!next) { window.location.assign(url); return; }
    var source = byId("source-text");
    var pageY = window.scrollY;
    var sourceY = source ? source.scrollTop : 0;
    main.innerHTML = next.innerHTML;
    document.title = fresh.title;
    current = "";
    window.scrollTo(0, pageY);
    if (byId("source-text")) { byId("source-text").scrollTop = sourceY; }
    var changed = null;
    try { changed = new URL(url).searchParams.get("changed"); } catch (ignore) { changed = null; }
    var problem = main.querySelector(".error-summary");
    var target = problem || (changed && byId(changed)) || main.querySelector(".notice[role=status]");
    if (target) {
      if (!target.hasAttribute("tabindex")) { target.setAttribute("tabindex", "-1"); }
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "nearest" });
    }
  }

  function send(url, body) {
    document.documentElement.classList.add("busy");
    return window.fetch(url, { method: "POST", body: body, credentials: "same-origin",
                               headers: { "X-Requested-With": "fetch" } })
      .then(function (response) {
        return response.text().then(function (html) { swap(html, response.url); });
      })
      .catch(function () {  // the network failed: send it the ordinary way, so nothing is lost
        return false;
      })
      .then(function (result) {
        document.documentElement.classList.remove("busy");
        return result;
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var main = byId("main");
    if (!main.contains(form) || form.method.toLowerCase() !== "post" || !form.closest("#records, #add, #details")) {
      return;
    }
    event.preventDefault();
    send(form.action, new FormData(form)).then(function (result) {
      if (result === false) { form.submit(); }
    });
  });

  // Delete asks here instead of on a page of its own.
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("#records a.button.warning[data-confirm]") : null;
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    if (!window.confirm(link.getAttribute("data-confirm"))) { return; }
    var body = new FormData();
    body.append("csrf_token", link.getAttribute("data-csrf"));
    send(link.href, body).then(function (result) {
      if (result === false) { window.location.assign(link.href); }
    });
  });
}());
