// The protocol of the meeting held by meeting-day.mjs, hours later: the secretary opens the draft
// the bot wrote and submits it for adjustment; the adjuster clicks Justera on the review card in
// the channel; the adjusted protocol is announced. Screenshots to E2E_SCREENSHOTS.
// Run by tests/e2e/test_playground.py, against the bot restarted with its clock past the meeting.
import { run } from "./playground.mjs";

await run(async (scenario) => {
  const secretary = await scenario.as("secretary");
  const adjuster = await scenario.as("member");

  await secretary.postInChannel("protokoll");
  const draft = await secretary.sees("Protokoll – mötet", "the protocol's draft");
  await scenario.screenshot(secretary, "protokoll-utkast", draft);
  await secretary.click(draft, "Lämna för justering");
  const submitted = await secretary.sees("Lämnat för justering", "the protocol submitted for adjustment");
  await scenario.screenshot(secretary, "protokoll-lamnat", submitted);

  // The adjuster has no chat with the bot here, so the review card comes in the channel.
  const review = await adjuster.sees("Justering av protokollet – mötet", "the review card");
  await scenario.screenshot(adjuster, "justering", review);
  await adjuster.click(review, "Justera");
  const approved = await adjuster.sees("Protokollet är nu justerat", "their approval adjusting the protocol");
  await scenario.screenshot(adjuster, "justerat", approved);

  const adjusted = await secretary.sees(/Protokollet från mötet .* är justerat/, "the adjusted protocol announced");
  await scenario.screenshot(secretary, "protokoll-justerat", adjusted);
});
