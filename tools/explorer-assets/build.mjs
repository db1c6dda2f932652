// Builds the explorer's vendored browser bundles from the pinned packages of package-lock.json:
//   npm ci && node build.mjs          writes ../../src/DigitalTrade.Graph.Explorer/Assets/vendor/
//   npm ci && node build.mjs --check  rebuilds into a temporary folder and fails if the committed files differ
// The output is committed and embedded in the assembly, so `dotnet build`/`dotnet run` never need npm.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const vendor = resolve(here, "../../src/DigitalTrade.Graph.Explorer/Assets/vendor");
const check = process.argv.includes("--check");
const out = check ? mkdtempSync(join(tmpdir(), "explorer-assets-")) : vendor;
// The folder holds only what this script writes: start empty so nothing stale survives a version change.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const bundles = [
  { entry: "src/graphiql.js", name: "graphiql" },
  { entry: "src/cytoscape.js", name: "cytoscape" },
];

const packages = new Map();
for (const { entry, name } of bundles) {
  const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: { [name]: entry },
    bundle: true,
    format: "iife",
    minify: true,
    target: ["es2020"],
    charset: "utf8",
    // Licence texts are shipped whole in licenses/, so comments need not be kept in the code.
    legalComments: "none",
    define: { "process.env.NODE_ENV": '"production"' },
    // The one substitution: see src/no-scroll-lock.js (a run-time <style> element the CSP refuses).
    alias: { "react-remove-scroll": "./src/no-scroll-lock.js" },
    loader: { ".woff": "empty", ".woff2": "empty", ".ttf": "empty" },
    outdir: out,
    metafile: true,
    logLevel: "warning",
  });
  for (const input of Object.keys(result.metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.set(match[1], join(here, "node_modules", match[1]));
  }
}

// GraphiQL's stylesheet inlines its fonts as data: URLs, which the explorer's CSP (font-src 'self') refuses:
// each becomes a file beside it (named by its hash, so the build stays reproducible), loaded from the server itself.
const fonts = join(out, "fonts");
mkdirSync(fonts);
for (const css of readdirSync(out).filter(f => f.endsWith(".css"))) {
  const path = join(out, css);
  const text = readFileSync(path, "utf8").replace(/url\(data:font\/(woff2?|ttf);base64,([A-Za-z0-9+/=]+)\)/g, (_, type, data) => {
    const bytes = Buffer.from(data, "base64");
    const name = `${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}.${type}`;
    writeFileSync(join(fonts, name), bytes);
    return `url(fonts/${name})`;
  });
  writeFileSync(path, text);
}

// Packages of a monorepo (GraphiQL, React) that publish no licence text of their own: the monorepo's LICENSE applies.
const licenceFrom = { "@graphiql/plugin-doc-explorer": "graphiql", "@graphiql/plugin-history": "graphiql", "react-compiler-runtime": "react" };

function licenceText(name, folder, pkg) {
  const file = readdirSync(folder).find(f => /^(licen[cs]e|copying)([-.][a-z0-9]+)*$/i.test(f));
  if (file) return readFileSync(join(folder, file));
  const sibling = licenceFrom[name];
  if (sibling) {
    const note = `${name} ${pkg.version} (${pkg.license}) publishes no licence text; it is part of ${JSON.stringify(pkg.repository)}, whose licence (as shipped by ${sibling}) follows.\n\n`;
    return note + readFileSync(join(here, "node_modules", sibling, "LICENSE"), "utf8");
  }

  // An MIT package with a named author but no text: the MIT licence with the author as the copyright holder.
  const author = typeof pkg.author === "string" ? pkg.author : pkg.author?.name;
  if (pkg.license !== "MIT" || !author) throw new Error(`${name} ships no licence file: add it to licenceFrom with the package whose licence applies`);
  return `${name} ${pkg.version} declares "license": "MIT" and "author": ${JSON.stringify(author)} in its package.json but ships no licence text; the MIT licence it names:\n\n` + mit(author);
}

const mit = holder => `MIT License

Copyright (c) ${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
`;

// One licence file per bundled package, and a list with name, version and licence.
const licenses = join(out, "licenses");
mkdirSync(licenses);
const list = [];
for (const [name, folder] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
  const pkg = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  const text = licenceText(name, folder, pkg);
  writeFileSync(join(licenses, `${name.replace("/", "__")}.txt`), text);
  list.push(`${name} ${pkg.version} ${pkg.license ?? "(see file)"}`);
}
writeFileSync(join(licenses, "PACKAGES.txt"), list.join("\n") + "\n");

// The manifest ties the output to the lockfile: CI rebuilds and compares (--check).
const sha256 = path => createHash("sha256").update(readFileSync(path)).digest("hex");
const files = {};
const walk = dir => {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name !== "manifest.json") files[relative(out, path)] = sha256(path);
  }
};
walk(out);
const manifest = JSON.stringify({ lockfile: sha256(join(here, "package-lock.json")), esbuild: esbuild.version, files }, null, 2) + "\n";
writeFileSync(join(out, "manifest.json"), manifest);

// axe-core for the explorer's accessibility tests, vendored into the test project as shipped (with its licences).
const testVendor = resolve(here, "../../tests/DigitalTrade.Graph.Explorer.Tests/Vendor/axe-core");
const testOut = check ? join(out, "tests-axe-core") : testVendor;
rmSync(testOut, { recursive: true, force: true });
mkdirSync(testOut, { recursive: true });
for (const file of ["axe.min.js", "LICENSE", "LICENSE-3RD-PARTY.txt"]) {
  writeFileSync(join(testOut, file), readFileSync(join(here, "node_modules/axe-core", file)));
}

if (check) {
  const committed = existsSync(join(vendor, "manifest.json")) ? readFileSync(join(vendor, "manifest.json"), "utf8") : "";
  const actual = JSON.parse(manifest).files;
  const drift = Object.keys(actual).filter(f => !existsSync(join(vendor, f)) || sha256(join(vendor, f)) !== actual[f]);
  for (const file of readdirSync(testOut)) {
    if (!existsSync(join(testVendor, file)) || sha256(join(testVendor, file)) !== sha256(join(testOut, file))) drift.push("tests: " + file);
  }
  rmSync(out, { recursive: true, force: true });
  if (committed !== manifest || drift.length > 0) {
    console.error(`The committed bundles differ from a build of package-lock.json: ${drift.join(", ") || "manifest.json"}. Run: npm ci && node build.mjs`);
    process.exit(1);
  }
  console.log(`explorer-assets: ${Object.keys(actual).length} files match a build of package-lock.json`);
} else {
  console.log(`explorer-assets: wrote ${Object.keys(files).length} files to ${relative(process.cwd(), vendor)}`);
}
