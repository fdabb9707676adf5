// Inlined into a page that shows its view's first content (not loaded as a
// module): it records the input events of the moments between the content
// appearing and the client starting, so that no click on the server-rendered
// page is lost.  The client takes them with `window.lonaEarlyEvents()`, which
// also stops the recording.  A click on an element with a click handler is
// kept from its default action, as the client would (a button in a form does
// not submit it).
(function () {
  var events = [];
  var types = ['click', 'change', 'input', 'focusin', 'focusout'];
  function handlesClicks(node) {
    var spec = node.getAttribute('data-lona-events');
    if (!spec || node.hasAttribute('data-lona-ignore')) {
      return false;
    }
    return spec.split(';').some(function (part) { return part.split(':')[0] === '301'; });
  }
  function record(event) {
    events.push(event);
    if (event.type !== 'click') {
      return;
    }
    for (var node = event.target; node && node.getAttribute; node = node.parentNode) {
      if (handlesClicks(node)) {
        event.preventDefault();
        return;
      }
    }
  }
  types.forEach(function (type) { document.addEventListener(type, record, true); });
  window.lonaEarlyEvents = function () {
    types.forEach(function (type) { document.removeEventListener(type, record, true); });
    window.lonaEarlyEvents = function () { return []; };
    return events;
  };
}());
