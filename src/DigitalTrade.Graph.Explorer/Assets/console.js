// Mounts GraphiQL (vendor/graphiql.js) on #graphiql. The schema comes from /graphql/schema.graphql, the
// contract as written, so the docs and autocomplete work even where introspection is switched off;
// queries go to /graphql on this server. The example queries open as tabs.
"use strict";
(() => {
  const root = document.getElementById("graphiql");
  const data = JSON.parse(document.getElementById("graphiql-data").textContent);
  const bundle = window.GraphiQLBundle;
  if (!root || !bundle) return;

  const fetcher = async (params, options) => {
    const response = await fetch("/graphql", {
      method: "POST",
      headers: { ...(options && options.headers), "Content-Type": "application/json", "Accept": "application/graphql-response+json, application/json" },
      body: JSON.stringify(params),
    });
    return response.json();
  };

  const tabs = data.examples.map(e => ({ query: e.query }));
  // A query in the address (/graphiql?query=…&variables=…) opens in its own tab, or selects the tab that already holds it.
  const linked = data.query ? { query: data.query, variables: data.variables || undefined } : {};

  const mount = schema => {
    root.textContent = "";
    bundle.mount(root, { fetcher, schema, defaultTabs: tabs, defaultEditorToolsVisibility: true, forcedTheme: "light", ...linked }, { text: "DigitalTrade.Graph", href: "/" });
  };

  // Accessibility repairs to GraphiQL's markup, applied as it renders (React leaves attributes it did not change alone):
  // CodeMirror's input textareas get names; its scroll areas, which CodeMirror takes out of the tab order, pass
  // keyboard focus to the editor; the operation tabs, each a list item holding two buttons (select and close), which
  // a tablist may not own, become what they are: a list of buttons, the selected one marked aria-current.
  const editorNames = [[".graphiql-query-editor", "Query editor"], [".graphiql-editor-tool .graphiql-editor:nth-child(1)", "Variables editor"],
    [".graphiql-editor-tool .graphiql-editor:nth-child(2)", "Headers editor"], [".graphiql-response", "Response"]];
  const repair = () => {
    for (const [selector, name] of editorNames) {
      root.querySelectorAll(`${selector} .CodeMirror textarea:not([aria-label])`).forEach(t => t.setAttribute("aria-label", name));
    }
    root.querySelectorAll(".CodeMirror-scroll:not([data-focus-repaired])").forEach(scroll => {
      scroll.dataset.focusRepaired = "";
      scroll.tabIndex = 0;
      scroll.setAttribute("aria-label", "Editor (focus moves to the text)");
      scroll.addEventListener("focus", () => { const editor = scroll.closest(".CodeMirror"); if (editor && editor.CodeMirror) editor.CodeMirror.focus(); });
    });
    root.querySelectorAll("ul.graphiql-tabs[role]").forEach(list => list.removeAttribute("role"));
    root.querySelectorAll("li.graphiql-tab[role], li.graphiql-tab[aria-selected]").forEach(tab => {
      tab.removeAttribute("role");
      tab.removeAttribute("aria-selected");
    });
    root.querySelectorAll("button.graphiql-tab-button").forEach(button => {
      if (button.getAttribute("role")) button.removeAttribute("role");
      const current = button.closest("li").classList.contains("graphiql-tab-active");
      if (button.hasAttribute("aria-selected")) button.removeAttribute("aria-selected");
      if (current !== button.hasAttribute("aria-current")) current ? button.setAttribute("aria-current", "true") : button.removeAttribute("aria-current");
    });
  };
  new MutationObserver(repair).observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ["aria-selected", "role", "class"] });
  fetch("/graphql/schema.graphql")
    .then(r => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
    .then(sdl => mount(bundle.buildSchema(sdl)))
    // Without the SDL, GraphiQL falls back to introspection.
    .catch(() => mount(undefined));
})();
