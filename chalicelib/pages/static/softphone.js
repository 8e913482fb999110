/* The call-centre console's softphone on a deployed stage: Amazon Connect's Contact Control
 * Panel embedded with amazon-connect-streams, and the caller's details shown the moment a
 * call rings ("screen pop") from the attributes the contact flows set. The console's forms
 * work without it; only the phone needs it. */
(function () {
  "use strict";

  function grouped(ref) {
    return ref.slice(0, 3) + " " + ref.slice(3, 6) + " " + ref.slice(6);
  }

  function put(root, id, text) {
    var dd = root.querySelector("#" + id);
    if (!dd) return;
    dd.textContent = text || "";
    var row = [dd, dd.previousElementSibling];
    row.forEach(function (el) { if (el) el.hidden = !text; });
  }

  /* Shows one call: `attrs` is the contact's attributes as flat strings, `from` the caller's number. */
  function show(root, contactId, attrs, from) {
    var labels = JSON.parse(root.getAttribute("data-labels") || "{}");
    var line = attrs.line === "officers" ? "officers" : "181";
    var refs = (attrs.pending_references || "").split(/\s+/).filter(function (r) { return r.length === 10; });
    var reference = (attrs.reference || "").length === 10 ? grouped(attrs.reference) : "";
    put(root, "sp-line", labels["line_" + line]);
    put(root, "sp-from", from);
    put(root, "sp-lang", labels["lang_" + (attrs.lang || "hi")] || attrs.lang);
    put(root, "sp-choice", attrs.menu_choice ? (labels["choice_" + attrs.menu_choice] || attrs.menu_choice) : "");
    put(root, "sp-pending", refs.map(grouped).join(", "));
    put(root, "sp-officer", attrs.officer_name || attrs.officer_id || "");
    put(root, "sp-reference", reference);
    root.querySelector("#sp-pop").hidden = false;
    var lapsed = root.querySelector("#sp-lapsed");
    if (lapsed) lapsed.hidden = attrs.lapsed !== "true";
    var record = document.getElementById("sp-record");
    if (record) {
      record.hidden = !(line === "officers" && reference);
      record.querySelector("input[name=call]").value = contactId;
    }
    var mobile = document.getElementById("mobile");
    if (mobile && line === "181" && !mobile.value && from) {
      mobile.value = from.replace(/^\+91/, "");
      /* The language the caller chose in the IVR: their SMS go in it. */
      var choice = document.querySelector("input[name=caller_lang][value=" + (attrs.lang === "en" ? "en" : "hi") + "]");
      if (choice) choice.checked = true;
    }
  }

  function clear(root) {
    root.querySelector("#sp-pop").hidden = true;
    var record = document.getElementById("sp-record");
    if (record) record.hidden = true;
  }

  function flat(attributes) {
    var out = {};
    Object.keys(attributes || {}).forEach(function (k) { out[k] = String(attributes[k].value); });
    return out;
  }

  function start(root) {
    var panel = root.querySelector("#ccp");
    connect.core.initCCP(panel, {
      ccpUrl: root.getAttribute("data-ccp-url"),
      region: root.getAttribute("data-region"),
      loginPopup: true,
      loginPopupAutoClose: true,
      softphone: { allowFramedSoftphone: true },
    });
    connect.contact(function (contact) {
      var pop = function () {
        var endpoint = contact.getInitialConnection().getEndpoint();
        show(root, contact.getContactId(), flat(contact.getAttributes()), endpoint.phoneNumber);
      };
      contact.onConnecting(pop);
      contact.onConnected(pop);
      contact.onEnded(function () { clear(root); });
    });
  }

  window.cmhSoftphone = { show: show, clear: clear, start: start };
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.getElementById("softphone");
    if (root && window.connect && connect.core) start(root);
  });
})();
