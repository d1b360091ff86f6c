/* Review page, progressive enhancement: selecting text in the source fills in the "Add a record" form
   (start, end and the quoted text). Without JavaScript the form works by quoting the text. Offsets count
   only the minutes text, never the kind labels set into it, so they match the stored text exactly. */
(function () {
  "use strict";
  var source = document.getElementById("source-text");
  var form = document.getElementById("add-form");
  var status = document.getElementById("selection-status");
  if (!source || !form || !window.getSelection || !document.createTreeWalker) { return; }
  document.documentElement.className += " js";

  function inLabel(node) {
    var parent = node.parentNode;
    return parent && parent.closest && parent.closest(".mark-label") !== null;
  }

  function textNodes() {
    var walker = document.createTreeWalker(source, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) { return inLabel(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    return nodes;
  }

  // The offset in the minutes text of a selection boundary (container, offset).
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

  function fill() {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!source.contains(range.startContainer) || !source.contains(range.endContainer)) { return; }
    var nodes = textNodes();
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
    if (status) {
      status.textContent = "Selected " + (end - start) + " characters (" + start + " to " + end +
        "). The Add a record form is filled in: check its kind and agenda item, then add it.";
    }
  }

  var timer = null;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fill, 250);
  });
}());
