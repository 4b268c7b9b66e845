// Some plans were typed with Cyrillic letters that look Latin ("СМ"), which would make the
// same officer two different people, so those are mapped to their Latin twins wherever
// initials are read: the import's owner cells and the directory of people alike.

// Cyrillic look-alikes, capital and small, keyed by the Cyrillic character.
const LOOKALIKES: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', Ё: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X',
  У: 'Y', І: 'I', Ј: 'J', Ѕ: 'S', а: 'a', е: 'e', ё: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x',
  і: 'i', ј: 'j', ѕ: 's', һ: 'h', ԁ: 'd',
};
const CYRILLIC = new RegExp(`[${Object.keys(LOOKALIKES).join('')}]`, 'g');

export function normaliseLookalikes(s: string): string {
  return s.replace(CYRILLIC, (c) => LOOKALIKES[c]);
}
