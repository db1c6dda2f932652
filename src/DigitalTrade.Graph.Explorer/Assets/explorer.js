// The console's only behaviour: load an example, POST the query to /graphql, show the JSON.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("console");
  if (!form) return;
  const query = document.getElementById("query");
  const result = document.getElementById("result");
  const examples = document.getElementById("examples");
  examples.addEventListener("change", () => { query.value = examples.value; });
  const run = async () => {
    result.textContent = "Running…";
    try {
      const response = await fetch("/graphql", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept": "application/graphql-response+json, application/json" },
        body: JSON.stringify({ query: query.value }),
      });
      result.textContent = JSON.stringify(await response.json(), null, 2);
    } catch (e) {
      result.textContent = "Request failed: " + e;
    }
  };
  form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
  query.addEventListener("keydown", (e) => { if (e.key === "Enter" && e.ctrlKey) { e.preventDefault(); run(); } });
});
