// ESLint for this project's own browser scripts and their tests (`npm run lint`).
// Vendored code (overrides/assets/vendor/, the lunr override) is not ours and is not linted.
// The browsers to support are in package.json "browserslist"; README says why.
import js from "@eslint/js";
import compat from "eslint-plugin-compat";
import globals from "globals";

const OURS = "overrides/assets/javascripts/*.js";

export default [
  {
    ignores: ["overrides/assets/vendor/**", "overrides/assets/javascripts/lunr/**", "site/**", "node_modules/**", "benchmarks/out/**"],
  },
  js.configs.recommended,
  {
    // Served as they are, with no build step, to old phones: plain scripts in ES5 syntax,
    // which every target parses, and only web APIs the targets have (eslint-plugin-compat).
    files: [OURS],
    plugins: { compat },
    languageOptions: {
      ecmaVersion: 5,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    // Check ECMAScript built-ins (Object.keys, Array.isArray...) too, not only web APIs.
    settings: { lintAllEsApis: true },
    rules: {
      "compat/compat": "error",
      // ES5 has no `catch {}` without a name, so an unused one is not a mistake.
      "no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
  {
    // find-help.js also exports its rules to Node (tests/js, tests/features/test_finder.py).
    files: ["overrides/assets/javascripts/find-help.js"],
    languageOptions: { globals: { module: "readonly" } },
  },
  {
    // kz-search.js is the search worker, and exports its rules to Node (tests/js, tests/features/test_search*.py).
    files: ["overrides/assets/javascripts/kz-search.js"],
    languageOptions: { globals: { ...globals.worker, module: "readonly" } },
  },
  {
    // kz-map.js runs inside the map frame, after the vendored Leaflet.
    files: ["overrides/assets/javascripts/kz-map.js"],
    languageOptions: { globals: { L: "readonly" } },
  },
  {
    // The unit tests (`npm test`) run in Node.
    files: ["tests/js/**/*.js"],
    languageOptions: { ecmaVersion: "latest", sourceType: "commonjs", globals: { ...globals.node } },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module", globals: { ...globals.node } },
  },
];
