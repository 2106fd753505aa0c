// Preloaded into the Agents Playground (NODE_OPTIONS=--require …) by scripts/playground.
// The Playground has no host option and calls server.listen(port), which listens on every
// interface; with the bot's authentication off, nobody else on the network should reach it.
// This makes every listen() that names a port but no host listen on 127.0.0.1 only.
"use strict";
const net = require("net");

const LOOPBACK = process.env.PLAYGROUND_HOST || "127.0.0.1";
const original = net.Server.prototype.listen;

net.Server.prototype.listen = function listen(...args) {
  const [first, second] = args;
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    if (typeof second !== "string") {
      args.splice(1, 0, LOOPBACK);
    }
  } else if (first && typeof first === "object" && !Array.isArray(first)) {
    const options = first;
    if (options.port !== undefined && options.host === undefined && options.path === undefined) {
      args[0] = { ...options, host: LOOPBACK };
    }
  }
  return original.apply(this, args);
};
