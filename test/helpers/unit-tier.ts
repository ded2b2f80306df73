// The unit tier's guard (`npm run test:unit`): a socket, a listening server or a child process
// (tsc, esbuild, a script) fails the test at once, so the tier stays fast and its list honest.
// Patched on the prototypes every spawn, connect and listen goes through; restored after each file.
import { afterAll, beforeAll } from "@jest/globals";
import { ChildProcess } from "node:child_process";
import { Server, Socket } from "node:net";

const refuse = (what: string) => () => {
  throw new Error(`the unit tier opens no ${what}: list this test file in package.json's jest "integration" project`);
};
const patched: Array<[object, string, unknown]> = [
  [ChildProcess.prototype, "spawn", refuse("child process")],
  [Socket.prototype, "connect", refuse("socket")],
  [Server.prototype, "listen", refuse("server")],
];
const originals = patched.map(([target, key]) => (target as Record<string, unknown>)[key]);

beforeAll(() => {
  for (const [target, key, value] of patched) (target as Record<string, unknown>)[key] = value;
});
afterAll(() => {
  patched.forEach(([target, key], i) => {
    (target as Record<string, unknown>)[key] = originals[i];
  });
});
