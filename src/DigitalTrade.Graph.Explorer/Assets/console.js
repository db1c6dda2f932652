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
  if (data.query) tabs.unshift({ query: data.query, variables: data.variables || undefined });

  const mount = schema => {
    root.textContent = "";
    bundle.mount(root, { fetcher, schema, defaultTabs: tabs, defaultEditorToolsVisibility: true }, { text: "DigitalTrade.Graph", href: "/" });
  };
  fetch("/graphql/schema.graphql")
    .then(r => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
    .then(sdl => mount(bundle.buildSchema(sdl)))
    // Without the SDL, GraphiQL falls back to introspection.
    .catch(() => mount(undefined));
})();
