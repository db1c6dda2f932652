// GraphiQL as one browser bundle: the explorer's console.js mounts it (window.GraphiQLBundle.mount).
// Only the official packages and this glue, so the bundle changes only when a version does.
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { buildSchema } from "graphql";
import "graphiql/style.css";

window.GraphiQLBundle = {
  buildSchema,
  // logo: { text, href } replaces GraphiQL's own logo, which links to an external site.
  mount(element, props, logo) {
    const children = logo ? createElement(GraphiQL.Logo, null, createElement("a", { href: logo.href, className: "graphiql-logo-link" }, logo.text)) : undefined;
    createRoot(element).render(createElement(GraphiQL, props, children));
  },
};
