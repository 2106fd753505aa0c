// Preloaded into the Agents Playground (NODE_OPTIONS=--require …) by the end-to-end test only.
//
// The Playground has one "current user", fixed at start, and no way to change it. Restarting it
// as someone else is no help: the messages live in the browser page and in the server's memory,
// so the cards a vote needs are gone for the next person. With this preload one Playground
// serves several people at once, each in a browser context of their own that names them in the
// request header `x-playground-user` (their Teams id, "29:…"):
//
// - GET /_internal/v1/config answers that person as `currentUser` (the page shows them as "me"
//   and sends their id with every card click, as the real client does);
// - a message typed in that context reaches the bot from that person (the server otherwise takes
//   the sender from its fixed current user);
// - a post typed in the channel shows in the other people's pages too, as in Teams. There the
//   Playground's client, which knows no other people, labels it with the bot's name and shows
//   the mention as <at>…</at>: cosmetic, in others' pages only.
//
// Everything else — rendering, invokes, the connector the bot posts to — is the Playground's own.
// Page loads and installation events stay with the configured current user. Three expressions of
// the bundled server are replaced; each must occur exactly once, so another Playground version
// fails loudly here instead of silently sending everything as the wrong person.
"use strict";
const { AsyncLocalStorage } = require("async_hooks");
const http = require("http");
const Module = require("module");
const path = require("path");

const HEADER = "x-playground-user";
// Only what a person does: typing a message and clicking a card.
const PERSONAL = /^\/_conversation\/v1\/(conversations\/[^/]+\/messages|invoke|submit)(\?|$)/;
const BUNDLE = path.join("m365agentsplayground", "dist", "index.js");
const SOCKET_USER = Symbol("playground user");
const PATCHES = [
  [
    "getMe(){return this.getUser(this._me)}",
    "getMe(){return this.getUser(globalThis.__playgroundUserId()??this._me)}",
  ],
  [
    "res.status(200).send(configResponse);const configPath",
    "res.status(200).send(globalThis.__playgroundConfig(configResponse));const configPath",
  ],
  [
    "createMessageRes=factory_1.Factory.getMessageService().createMessage(conversation,body);",
    "createMessageRes=factory_1.Factory.getMessageService().createMessage(conversation,body);" +
      "globalThis.__playgroundPosted(factory_1.Factory,conversation,createMessageRes.response);",
  ],
];

// The person a request comes from, for everything the request's handler does, awaits included.
const acting = new AsyncLocalStorage();

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitAs(event, request, ...rest) {
  const user = request && request.headers ? request.headers[HEADER] : undefined;
  if (event === "upgrade" && typeof user === "string" && request.socket) {
    // The page's websocket: whose page it is, for __playgroundPosted below.
    request.socket[SOCKET_USER] = user;
  }
  if (event === "request" && typeof user === "string" && user) {
    const personal = PERSONAL.test(request.url || "");
    return acting.run({ user, personal }, () => emit.call(this, event, request, ...rest));
  }
  return emit.call(this, event, request, ...rest);
};

globalThis.__playgroundUserId = () => {
  const store = acting.getStore();
  return store && store.personal ? store.user : undefined;
};

globalThis.__playgroundConfig = (response) => {
  const store = acting.getStore();
  const wanted = store && store.user;
  const config = response && response.config;
  if (!wanted || !config || !config.currentUser || config.currentUser.id === wanted) return response;
  const chosen = (config.users || []).find((user) => user.id === wanted);
  if (!chosen) {
    throw new Error(`${HEADER}: ${wanted} is not one of the Playground's users`);
  }
  // The lists name everyone but the current user: the configured one takes the chosen one's place.
  const me = config.currentUser;
  const swap = (ids) => (ids || []).map((id) => (id === wanted ? me.id : id));
  const users = config.users.map((user) => (user.id === wanted ? me : user));
  const groupChats = (config.groupChats || []).map((chat) => ({ ...chat, members: swap(chat.members) }));
  const teams = (config.teams || []).map((team) => ({ ...team, members: swap(team.members) }));
  return { ...response, config: { ...config, currentUser: chosen, users, groupChats, teams } };
};

// A post or a reply typed in the channel. The Playground, made for one person, shows it only in
// the page that typed it, and a page that then gets the bot's reply in a thread it does not know
// fails ("Invalid conversation id"), reconnects its websocket and loses whatever came meanwhile.
// In Teams everyone in the channel sees it: so do the other people's pages here.
globalThis.__playgroundPosted = (factory, conversation, response) => {
  const store = acting.getStore();
  const thread = response && (response.postConversationId || (conversation && conversation.id));
  if (!store || !store.user || typeof thread !== "string" || !thread.includes(";messageid=")) return;
  try {
    const message = factory.getConversationManager().getMessage(thread, response.messageId);
    const pages = factory.getConversationWebSocket();
    const everyone = pages.wsArr;
    const others = everyone.filter((ws) => !ws._socket || ws._socket[SOCKET_USER] !== store.user);
    // With nobody to tell, send() would keep the message for the next page to connect.
    if (others.length === 0) return;
    // send() picks its sockets synchronously: the list is whole again before anything else runs.
    pages.wsArr = others;
    try {
      pages.createMessage(message).catch((error) => console.error("playground-users:", error));
    } finally {
      pages.wsArr = everyone;
    }
  } catch (error) {
    console.error("playground-users: could not show the post to the others:", error);
  }
};

const compile = Module.prototype._compile;
Module.prototype._compile = function patched(content, filename) {
  if (typeof filename === "string" && filename.endsWith(BUNDLE)) {
    for (const [from, to] of PATCHES) {
      const found = content.split(from).length - 1;
      if (found !== 1) {
        throw new Error(
          `tools/e2e/playground-users.cjs: "${from}" occurs ${found} times in ${filename}, not once. ` +
            "It was written for @microsoft/m365agentsplayground 0.2.28: adapt it to the new version.",
        );
      }
      content = content.replace(from, () => to); // a function: "$" in `to` stays as it is
    }
  }
  return compile.call(this, content, filename);
};
