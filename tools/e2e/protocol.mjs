// The protocol of the meeting held by meeting-day.mjs, hours later: the secretary opens the draft
// the bot wrote and submits it for adjustment; the adjuster opens the review card from its notice
// in the channel and clicks Justera; the adjusted protocol is announced. Screenshots to E2E_SCREENSHOTS.
// Run by tests/e2e/test_playground.py, against the bot restarted with its clock past the meeting.
import { run } from "./playground.mjs";

await run(async (scenario) => {
  const secretary = await scenario.as("secretary");
  const adjuster = await scenario.as("member");

  await secretary.postInChannel("protokoll");
  // In the channel everyone reads the bot's answer: the draft is shown only to whoever presses the button.
  const notice = await secretary.sees("Visa protokollet", "the protocol's notice in the channel");
  await secretary.click(notice, "Visa protokollet");
  const draft = await secretary.sees("Lämna för justering", "the protocol's draft");
  await scenario.screenshot(secretary, "protokoll-utkast", draft);
  await secretary.click(draft, "Lämna för justering");
  const submitted = await secretary.sees("Lämnat för justering", "the protocol submitted for adjustment");
  await scenario.screenshot(secretary, "protokoll-lamnat", submitted);

  // The adjuster has no chat with the bot here, so the review card comes in the channel, without
  // the protocol's text: its button shows the adjuster the protocol, to them alone.
  const told = await adjuster.sees("Justering av protokollet – mötet", "the review notice in the channel");
  await adjuster.click(told, "Visa protokollet");
  const review = await adjuster.sees("Begär ändring", "the review card");
  await scenario.screenshot(adjuster, "justering", review);
  await adjuster.click(review, "Justera");
  const approved = await adjuster.sees("Protokollet är nu justerat", "their approval adjusting the protocol");
  await scenario.screenshot(adjuster, "justerat", approved);

  const adjusted = await secretary.sees(/Protokollet från mötet .* är justerat/, "the adjusted protocol announced");
  await scenario.screenshot(secretary, "protokoll-justerat", adjusted);
});
