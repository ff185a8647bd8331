import { actorInWords } from './audit-page.view.js';

describe('actorInWords', () => {
  it.each([
    ['ap.one (advanced_practitioner)', 'ap.one (advanced practitioner)'],
    ['hos.north (head_of_service)', 'hos.north (head of service)'],
    ['factory (test)', 'factory (test)'],
    ['cli', 'cli'],
    ['odd (name) here', 'odd (name) here'],
  ])('writes %j as %j', (label, words) => {
    expect(actorInWords(label)).toBe(words);
  });
});
