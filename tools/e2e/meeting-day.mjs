// The meeting day in the Agents Playground, as four people of the group in four browser contexts:
// a member submits an "övrig fråga", the chair starts the meeting, three check in, the chair
// appoints the adjuster and opens a vote, two members vote, the secretary closes the vote.
// A screenshot of each step goes to E2E_SCREENSHOTS. Run by tests/e2e/test_playground.py.
import { run } from "./playground.mjs";

const ITEM = "Gallring av e-post i kommunerna";
const QUESTION = "Ska styrgruppen föreslå kommunerna en gemensam gallringsplan för e-post?";

await run(async (scenario) => {
  const chair = await scenario.as("chair");
  const secretary = await scenario.as("secretary");
  const first = await scenario.as("member");
  const second = await scenario.as("other_member");
  const voters = [chair, first, second];

  // Today's meeting no longer takes items (its notice went out a week ago): the bot keeps the
  // item and offers the next meeting, which the member accepts with one click.
  await first.postInChannel(`övrig fråga ${ITEM}`);
  const late = await first.sees("För sent till mötet", "the offer of the next meeting");
  await scenario.screenshot(first, "ovrig-fraga-erbjuden", late);
  await first.click(late, /^Anmäl till mötet /);
  const added = await first.sees(`är nu anmäld till mötet`, "the item accepted for the next meeting");
  await scenario.screenshot(first, "ovrig-fraga-anmald", added);

  await chair.postInChannel("starta möte");
  for (const person of [...voters, secretary]) {
    await person.sees("Närvaro – mötet", "the check-in card in the channel");
  }
  await scenario.screenshot(chair, "narvarokort", await chair.card("Närvaro – mötet"));

  for (const [index, person] of voters.entries()) {
    await person.click(await person.card("Närvaro – mötet"), "Checka in");
    await person.sees(`Närvarande (${index + 1})`, `the check-in card with ${index + 1} present`);
  }
  const present = await chair.sees(/3 av \d+ kommuner är närvarande/, "three municipalities present");
  await scenario.screenshot(chair, "incheckade", present);

  // The rotation starts from the top: the first municipality present that is not the chair's.
  const municipality = first.who.municipality;
  const proposal = await chair.sees(`Förslag enligt turordningen: ${first.name}`, "the adjuster proposal");
  await scenario.screenshot(chair, "justerare-forslag", proposal);
  await chair.click(proposal, `Bekräfta ${municipality}`);
  const appointed = await chair.sees(`Justerare: ${first.name}, ${municipality}.`, "the adjuster appointed");
  await scenario.screenshot(chair, "justerare-utsedd", appointed);

  await chair.postInChannel(`omröstning ${QUESTION}`);
  const vote = `Omröstning: ${QUESTION}`;
  for (const person of [...voters, secretary]) {
    await person.sees(vote, "the vote card in the channel");
  }
  await scenario.screenshot(first, "omrostning-oppnad", await first.card(vote));

  // The card shows how many have voted, not what; the bot updates it in place for everyone.
  // (The clicker's own view, "Din röst för …", lasts only until that update: the card has no
  // `refresh` for Teams to fetch each voter's view again.)
  for (const [index, person] of [first, second].entries()) {
    await person.click(await person.card(vote), "Ja");
    const counted = await person.sees(`${index + 1} av 3 röstberättigade kommuner har röstat`, "their vote counted");
    await scenario.screenshot(person, `rostat-${slug(person.who.municipality)}`, counted);
  }
  const counted = await secretary.sees("2 av 3 röstberättigade kommuner har röstat", "the count of votes");
  await scenario.screenshot(secretary, "omrostning-pagar", counted);

  await secretary.click(counted, "Stäng omröstningen");
  const result = await secretary.sees("Beslut: Ja.", "the result of the vote");
  await scenario.screenshot(secretary, "omrostning-resultat", result);
  for (const person of voters) {
    await person.sees("Beslut: Ja.", "the result, updated in place");
  }
  await scenario.screenshot(chair, "resultat-hos-ordforanden", await chair.card("Beslut: Ja."));
});

function slug(text) {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-");
}
