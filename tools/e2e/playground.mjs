// Driving the Microsoft 365 Agents Playground as several people at once, with playwright-core
// (pinned in tools/package-lock.json) and the system's Chromium. Used by the scenario scripts in
// this folder, which tests/e2e/test_playground.py runs; see tools/e2e/playground-users.cjs for
// how one Playground serves several people.
//
// Environment: PLAYGROUND_URL (http://127.0.0.1:PORT), E2E_SCREENSHOTS (a folder),
// E2E_PEOPLE (JSON: role → {id, name, municipality}), CHROMIUM (default /usr/bin/chromium).
import { existsSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const { chromium } = require("playwright-core");

// Generous: the bot answers in milliseconds, but a card update goes through its outbox.
export const TIMEOUT_MS = 20_000;
const VIEWPORT = { width: 1400, height: 1000 };
const CHANNEL = /- Styrgruppen$/;

export class ScenarioError extends Error {}

export function settings() {
  const url = need("PLAYGROUND_URL");
  const screenshots = need("E2E_SCREENSHOTS");
  const people = JSON.parse(need("E2E_PEOPLE"));
  const executable = process.env.CHROMIUM || "/usr/bin/chromium";
  if (!existsSync(executable)) {
    throw new ScenarioError(`chromium not found at ${executable}: run scripts/e2e-deps.sh`);
  }
  mkdirSync(screenshots, { recursive: true });
  return { url, screenshots, people, executable };
}

function need(name) {
  const value = process.env[name];
  if (!value) throw new ScenarioError(`${name} is not set (the pytest test sets it)`);
  return value;
}

/** One person in their own browser context: their own Teams client, as far as the Playground goes. */
export class Person {
  constructor(who, page) {
    this.who = who;
    this.page = page;
    this.errors = []; // the page's own, shown when the scenario fails
  }

  get name() {
    return this.who.name;
  }

  /** Posts `@Styrgruppsboten text` as a new conversation in the group's channel. */
  async postInChannel(text) {
    await this.openChannel();
    // In a channel the first textbox is "Start a new post"; each thread has one of its own below.
    const box = this.page.getByRole("textbox").first();
    await box.click();
    await box.pressSequentially("@Styr");
    // The typeahead opens asynchronously after the "@".
    await this.page
      .getByRole("listbox", { name: "Typeahead menu" })
      .getByRole("menuitem", { name: "Styrgruppsboten" })
      .click();
    await box.pressSequentially(` ${text}`);
    await this.page.getByRole("button", { name: "Post" }).click();
  }

  async openChannel() {
    await this.page.getByRole("treeitem", { name: CHANNEL }).click();
  }

  /** The newest card whose text matches, once it is there. */
  async card(text) {
    const card = this.page.locator(".ac-adaptiveCard").filter({ hasText: text }).first();
    await card.waitFor({ state: "visible" });
    return card;
  }

  /** Waits until some card shows `text` (after a click or the bot's update of the card). */
  async sees(text, what) {
    try {
      return await this.card(text);
    } catch (error) {
      throw new ScenarioError(`${this.name} never saw ${what} (a card with ${text})`, { cause: error });
    }
  }

  async click(card, button) {
    const target = card.getByRole("button", { name: button, exact: true });
    try {
      await target.click();
    } catch (error) {
      const shown = await card.innerText().catch(() => "(card gone)");
      throw new ScenarioError(`${this.name}: no button "${button}" on the card:\n${shown}`, { cause: error });
    }
  }
}

export class Scenario {
  constructor() {
    this.settings = settings();
    this.browser = null;
    this.people = [];
    this.step = 0;
  }

  async start() {
    this.browser = await chromium.launch({
      executablePath: this.settings.executable,
      headless: true,
      // As root in a container Chromium has no sandbox to use; the page is our own Playground.
      args: ["--no-sandbox"],
    });
  }

  /** Opens the Playground as `role` (a key of E2E_PEOPLE), in the group's channel. */
  async as(role) {
    const who = this.settings.people[role];
    if (!who) throw new ScenarioError(`E2E_PEOPLE has no ${role}`);
    const context = await this.browser.newContext({
      viewport: VIEWPORT,
      locale: "sv-SE",
      timezoneId: "Europe/Stockholm",
      extraHTTPHeaders: { "x-playground-user": who.id },
    });
    context.setDefaultTimeout(TIMEOUT_MS);
    const page = await context.newPage();
    const person = new Person(who, page);
    page.on("pageerror", (error) => person.errors.push(String(error).slice(0, 300)));
    page.on("console", (message) => {
      if (message.type() === "error") person.errors.push(message.text().slice(0, 300));
    });
    await page.goto(this.settings.url);
    await person.openChannel();
    // The page asks the Playground who "me" is; a wrong answer means the preload is not in place.
    try {
      await page.getByText(who.name, { exact: true }).first().waitFor();
    } catch (error) {
      throw new ScenarioError(
        `the Playground does not show ${who.name} as the user: is tools/e2e/playground-users.cjs preloaded?`,
        { cause: error },
      );
    }
    this.people.push(person);
    return person;
  }

  /** Saves what `person` sees, the card in view, as NN-name.png. */
  async screenshot(person, name, card) {
    this.step += 1;
    if (card) await card.scrollIntoViewIfNeeded();
    const file = path.join(this.settings.screenshots, `${String(this.step).padStart(2, "0")}-${name}.png`);
    await person.page.screenshot({ path: file });
    console.log(`✓ ${path.basename(file)} (${person.name})`);
  }

  async failed(error) {
    for (const [index, person] of this.people.entries()) {
      const file = path.join(this.settings.screenshots, `failure-${index + 1}.png`);
      await person.page.screenshot({ path: file }).catch(() => {});
      const cards = await person.page
        .locator(".ac-adaptiveCard")
        .evaluateAll((all) => all.map((card) => card.innerText.split("\n")[0]))
        .catch(() => []);
      console.error(`${person.name}'s Playground at the failure: ${file}; cards: ${JSON.stringify(cards)}`);
      for (const line of person.errors) console.error(`  page error: ${line}`);
    }
    console.error(error instanceof ScenarioError ? `FAILED: ${error.message}` : error);
  }

  async close() {
    await this.browser?.close().catch(() => {});
  }
}

/** Runs `body(scenario)`; exits 1 with the reason and a screenshot per person when it fails. */
export async function run(body) {
  let scenario;
  try {
    scenario = new Scenario();
    await scenario.start();
    await body(scenario);
  } catch (error) {
    if (scenario) await scenario.failed(error);
    else console.error(error instanceof ScenarioError ? `FAILED: ${error.message}` : error);
    process.exitCode = 1;
  } finally {
    await scenario?.close();
  }
}
