// Name suggestions for every input with data-suggest (the header search, the path finder's ends, the
// graph's start): an ARIA combobox over /explorer/names.json (every entity's names and aliases in both
// languages), matched here as people type, because full-text search does not match word prefixes.
//   data-suggest="open"  choosing a name opens its entity page (Enter without a choice searches)
//   data-suggest="fill"  choosing fills the input with the name and the hidden field data-key-field with the key
//   data-suggest="key"   choosing fills the input with the key
"use strict";
(() => {
  let names = null;
  const loadNames = () => names || (names = fetch("/explorer/names.json").then(r => (r.ok ? r.json() : { entities: [] })).catch(() => ({ entities: [] })));

  // Letter case, full-width forms, spaces, dashes and title quotes do not count (as in the API's resolve).
  const normalize = text => text.normalize("NFKC").toLowerCase().replace(/[\s《》“”"·\-–]/g, "");

  const match = (index, text, count) => {
    const wanted = normalize(text);
    if (!wanted) return [];
    const ranked = [];
    for (const [key, kind, zh, en, aliases] of index.entities) {
      let rank = 3;
      for (const name of [zh, en, ...aliases, key]) {
        const n = normalize(name);
        rank = Math.min(rank, n === wanted ? 0 : n.startsWith(wanted) ? 1 : n.includes(wanted) ? 2 : 3);
      }
      if (rank < 3) ranked.push({ key, kind, zh, en, rank });
    }
    ranked.sort((a, b) => a.rank - b.rank || a.en.length - b.en.length || (a.key < b.key ? -1 : 1));
    return ranked.slice(0, count);
  };

  const kindLabels = {
    AGREEMENT: "Agreement", POLICY: "Policy", ORGANIZATION: "Organization", ECONOMY: "Economy", PROVINCE: "Province", CITY: "City",
    ZONE: "Zone", SERVICE_EXPORT_BASE: "Service export base", CASE: "Case", INDICATOR: "Table", EVENT: "Event",
  };

  const entityHref = key => "/entity/" + key.split("/").map(encodeURIComponent).join("/");

  const setUp = input => {
    const mode = input.dataset.suggest;
    const list = document.createElement("ul");
    list.id = input.id + "-suggestions";
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggestions");
    list.hidden = true;
    input.after(list);
    const status = document.createElement("span");
    status.className = "sr";
    status.setAttribute("aria-live", "polite");
    list.after(status);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    const keyField = input.dataset.keyField ? input.form.elements[input.dataset.keyField] : null;
    let items = [];
    let active = -1;
    let timer = 0;

    const close = () => {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    };

    const highlight = index => {
      active = index;
      [...list.children].forEach((li, i) => li.setAttribute("aria-selected", i === index ? "true" : "false"));
      if (index >= 0) input.setAttribute("aria-activedescendant", list.children[index].id);
      else input.removeAttribute("aria-activedescendant");
    };

    const choose = item => {
      close();
      if (mode === "open") {
        window.location.assign(entityHref(item.key));
        return;
      }
      input.value = mode === "key" ? item.key : item.zh;
      if (keyField) keyField.value = item.key;
      input.dataset.chosen = item.key;
    };

    const render = () => {
      list.textContent = "";
      items.forEach((item, i) => {
        const li = document.createElement("li");
        li.id = `${list.id}-${i}`;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.key = item.key;
        const dot = document.createElement("span");
        dot.className = "dot k-" + item.kind;
        const zh = document.createElement("span");
        zh.lang = "zh";
        zh.textContent = item.zh;
        const en = document.createElement("span");
        en.lang = "en";
        en.className = "en";
        en.textContent = " " + item.en;
        const kind = document.createElement("span");
        kind.className = "kind-small";
        kind.textContent = kindLabels[item.kind] || item.kind;
        li.append(dot, zh, en, kind);
        li.addEventListener("mousedown", e => { e.preventDefault(); choose(item); });
        list.append(li);
      });
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", items.length ? "true" : "false");
      status.textContent = items.length ? `${items.length} suggestions; arrow keys to choose` : "";
      highlight(-1);
    };

    input.addEventListener("focus", loadNames, { once: true });
    input.addEventListener("input", () => {
      if (keyField) keyField.value = "";
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const index = await loadNames();
        items = match(index, input.value, 8);
        render();
        list.dataset.for = input.value;
      }, 60);
    });
    input.addEventListener("keydown", e => {
      if (list.hidden) {
        if (e.key === "ArrowDown" && items.length) { render(); highlight(0); e.preventDefault(); }
        return;
      }
      if (e.key === "ArrowDown") { highlight((active + 1) % items.length); e.preventDefault(); }
      else if (e.key === "ArrowUp") { highlight(active <= 0 ? items.length - 1 : active - 1); e.preventDefault(); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(items[active]); }
      else if (e.key === "Escape") { close(); e.preventDefault(); }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  };

  document.querySelectorAll("input[data-suggest]").forEach(setUp);
})();
