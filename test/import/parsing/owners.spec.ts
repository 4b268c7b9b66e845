import { splitOwners } from '../../../libs/import/src/parsing';
import { loadActions } from './plan-data';

describe('splitOwners', () => {
  it.each<[string, string[]]>([
    ['AB/AH', ['AB', 'AH']],
    ['AB/CB/', ['AB', 'CB']],
    ['AB/CB/ GP/KA', ['AB', 'CB', 'GP', 'KA']],
    ['DP & JC', ['DP', 'JC']],
    ['AB, CB; GP', ['AB', 'CB', 'GP']],
    ['AB and CB', ['AB', 'CB']],
    ['AB\nCB\r\nGP', ['AB', 'CB', 'GP']],
    ['SL / COG', ['SL', 'COG']],
    // officers separated by a space only
    ['LS MB SSu', ['LS', 'MB', 'SSu']],
    ['DE/ LS AH/ JS', ['DE', 'LS', 'AH', 'JS']],
    ['SDin MB', ['SDin', 'MB']],
    // group names stay whole
    ['Schools', ['Schools']],
    ['All Head of Service', ['All Head of Service']],
    ['LD/ FS Leads', ['LD', 'FS Leads']],
    ['CSC Op Man', ['CSC Op Man']],
    ['Heads of Agencies and Schools', ['Heads of Agencies', 'Schools']],
    // duplicates go, first occurrence kept
    ['AB/CB/AB', ['AB', 'CB']],
  ])('splits %j', (raw, expected) => {
    expect(splitOwners(raw)).toStrictEqual(expected);
  });

  // Written with escapes so the Cyrillic is visible in review.
  it.each<[string, string[]]>([
    ['\u0421\u041C', ['CM']], // СМ
    ['\u0410\u041D', ['AH']], // АН
    ['\u0415\u041D\u041C\u0422', ['EHMT']], // ЕНМТ
    ['\u041A\u041D', ['KH']], // КН
    ['\u0412\u0420\u041E\u0425\u0423', ['BPOXY']], // ВРОХУ
    ['SS\u0440/ \u0441\u0430\u0443\u0435\u043E\u0445', ['SSp', 'cayeox']], // small р, с а у е о х
    ['\u0421\u041C/CM/ AB', ['CM', 'AB']], // duplicates only once normalised
  ])('normalises Cyrillic look-alikes in %j', (raw, expected) => {
    expect(splitOwners(raw)).toStrictEqual(expected);
  });

  it.each([null, undefined, '', ' / ', []])('returns no owners for %j', (raw) => {
    expect(splitOwners(raw)).toStrictEqual([]);
  });

  it('splits every cell of an array and removes duplicates across them', () => {
    expect(splitOwners(['AB/\u0421\u041C', 'CM & Schools'])).toStrictEqual(['AB', 'CM', 'Schools']);
  });
});

describe('splitOwners on the Norfolk 2013 plans', () => {
  const actions = loadActions();

  it("gives the file's responsible list for all 254 printed Responsible cells", () => {
    const printed = actions.filter((a) => a.responsibleRaw !== null);
    expect(printed).toHaveLength(254);
    expect(printed.map((a) => splitOwners(a.responsibleRaw))).toStrictEqual(printed.map((a) => a.responsible));
  });

  it('leaves the 13 owners the file filled in without a printed cell as they are', () => {
    // No printed text to split: the file took these from elsewhere in the plan.
    const unprinted = actions.filter((a) => a.responsibleRaw === null && a.responsible.length > 0);
    expect(unprinted).toHaveLength(13);
    expect(unprinted.map((a) => splitOwners(a.responsible))).toStrictEqual(unprinted.map((a) => a.responsible));
  });
});
