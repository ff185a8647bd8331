import { definitionPathWords } from './tool-pages.js';

describe('definitionPathWords', () => {
  it.each([
    ['definition.domains[2].key', 'Domain 3, key (definition.domains[2].key)'],
    ['definition.domains[0].guidance[1]', 'Domain 1, guidance line 2 (definition.domains[0].guidance[1])'],
    ['definition.compliance.4.question', 'Compliance item 5, question (definition.compliance.4.question)'],
    ['definition.domains', 'domains (definition.domains)'],
    ['definition', 'The definition'],
  ])('%s', (field, words) => {
    expect(definitionPathWords(field)).toBe(words);
  });
});
