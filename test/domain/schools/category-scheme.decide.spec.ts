import {
  categorySchemeDecider,
  EXAMPLE_SCHEMES,
  InvalidSchemeCategoriesError,
  InvalidSchemeIdError,
  InvalidSchemeKindError,
  NORFOLK_SCHEME,
  NothingToReviseError,
  ReasonRequiredError,
  SchemeAlreadyDefinedError,
  SchemeNameRequiredError,
  SchemeNotFoundError,
  schemeStream,
  WARWICKSHIRE_SCHEME,
  type CategorySchemeCommand,
  type CategorySchemeEvent,
} from '@rag-ledger/domain';

import { deciderSpec } from '../decider-spec';

const given = deciderSpec(categorySchemeDecider);

const twoTier = [
  { code: 'RED', label: 'Causing concern', order: 1, group: 'causing-concern', visitEveryWeeks: 2 },
  { code: 'GREEN', label: 'Good or better', order: 2, group: 'good-or-better' },
];
const define = (overrides: Record<string, unknown> = {}): CategorySchemeCommand =>
  ({ type: 'DefineCategoryScheme', data: { schemeId: 'suffolk-2014', name: 'Suffolk categories', kind: 'category', categories: twoTier, ...overrides } }) as CategorySchemeCommand;
const defined: CategorySchemeEvent = { type: 'CategorySchemeDefined', data: { schemeId: 'suffolk-2014', name: 'Suffolk categories', kind: 'category', categories: twoTier } as never };
const revise = (overrides: Record<string, unknown> = {}): CategorySchemeCommand =>
  ({ type: 'ReviseCategoryScheme', data: { schemeId: 'suffolk-2014', categories: twoTier, reason: 'Agreed with the consortia', ...overrides } }) as CategorySchemeCommand;
const withCategory = (index: number, change: Record<string, unknown>) => twoTier.map((c, i) => (i === index ? { ...c, ...change } : c));

describe('category scheme decider', () => {
  it('lives in the stream scheme-<id>', () => {
    expect(categorySchemeDecider.streamOf('norfolk')).toBe(schemeStream('norfolk'));
    expect(schemeStream('norfolk')).toBe('scheme-norfolk');
  });

  describe('DefineCategoryScheme', () => {
    it('defines a scheme with its codes, labels, order, groups and visits', () => {
      given([]).when(define()).then(defined);
    });

    it.each(EXAMPLE_SCHEMES.map((s) => [s.schemeId, s] as const))('defines the shipped example %s as it is', (_id, example) => {
      given([]).when({ type: 'DefineCategoryScheme', data: { ...example } }).then({ type: 'CategorySchemeDefined', data: { ...example } });
    });

    it('writes the list one way: codes and labels trimmed, only the known fields', () => {
      given([])
        .when(define({ categories: [{ code: ' A ', label: ' Concern ', order: 1, group: 'causing-concern', colour: 'red' }], name: ' Suffolk categories ' }))
        .then({ type: 'CategorySchemeDefined', data: { schemeId: 'suffolk-2014', name: 'Suffolk categories', kind: 'category', categories: [{ code: 'A', label: 'Concern', order: 1, group: 'causing-concern' }] } });
    });

    it('takes a stage scheme whose stages have no group', () => {
      const stages = [{ code: '2', label: 'Stage 2', order: 1 }, { code: '1', label: 'Stage 1', order: 2 }];
      given([])
        .when(define({ kind: 'intervention-stage', categories: stages }))
        .then({ type: 'CategorySchemeDefined', data: { schemeId: 'suffolk-2014', name: 'Suffolk categories', kind: 'intervention-stage', categories: stages } });
    });

    it('refuses a scheme defined twice', () => {
      given([defined]).when(define()).thenThrows(SchemeAlreadyDefinedError, /already defined/);
    });

    it.each(['Suffolk', 'suffolk 2014', 'suffolk_2014', '-suffolk', '', 'suffolk-'])('refuses the id %p: lower-case letters, digits and hyphens', (schemeId) => {
      given([]).when(define({ schemeId })).thenThrows(InvalidSchemeIdError);
    });

    it('needs a name and a kind from the list', () => {
      given([]).when(define({ name: ' ' })).thenThrows(SchemeNameRequiredError);
      given([]).when(define({ kind: 'grade' })).thenThrows(InvalidSchemeKindError, /"category", "intervention-stage"/);
    });

    it('needs at least one category', () => {
      given([]).when(define({ categories: [] })).thenThrows(InvalidSchemeCategoriesError, /at least one category/);
      given([]).when(define({ categories: undefined })).thenThrows(InvalidSchemeCategoriesError, /at least one category/);
    });

    it('needs unique, non-blank codes and a label for each', () => {
      given([]).when(define({ categories: withCategory(1, { code: ' ' }) })).thenThrows(InvalidSchemeCategoriesError, /Category 2 has no code/);
      given([]).when(define({ categories: withCategory(1, { code: 'RED' }) })).thenThrows(InvalidSchemeCategoriesError, /"RED" is given twice/);
      given([]).when(define({ categories: withCategory(0, { label: '' }) })).thenThrows(InvalidSchemeCategoriesError, /"RED" has no label/);
    });

    it('needs unique whole-number orders', () => {
      given([]).when(define({ categories: withCategory(1, { order: 1 }) })).thenThrows(InvalidSchemeCategoriesError, /place 1/);
      given([]).when(define({ categories: withCategory(1, { order: 1.5 }) })).thenThrows(InvalidSchemeCategoriesError, /"GREEN" needs its place/);
      given([]).when(define({ categories: withCategory(1, { order: '2' }) })).thenThrows(InvalidSchemeCategoriesError, /"GREEN" needs its place/);
    });

    it('needs a group for every category of a category scheme, and a known group on a stage', () => {
      given([]).when(define({ categories: withCategory(1, { group: undefined }) })).thenThrows(InvalidSchemeCategoriesError, /"GREEN" needs the group/);
      given([]).when(define({ categories: withCategory(1, { group: 'system-leaders' }) })).thenThrows(InvalidSchemeCategoriesError, /"causing-concern", "requires-improvement", "good-or-better"/);
      given([]).when(define({ kind: 'intervention-stage', categories: withCategory(1, { group: 'stage' }) })).thenThrows(InvalidSchemeCategoriesError, /needs the group/);
    });

    it.each([0, 53, 2.5, '2'])('refuses visits every %p weeks: a whole number 1-52', (visitEveryWeeks) => {
      given([]).when(define({ categories: withCategory(0, { visitEveryWeeks }) })).thenThrows(InvalidSchemeCategoriesError, /every 1 to 52 weeks/);
    });

    it('takes visits every 1 and every 52 weeks', () => {
      const edges = [{ ...twoTier[0], visitEveryWeeks: 1 }, { ...twoTier[1], visitEveryWeeks: 52 }];
      given([]).when(define({ categories: edges })).then({ type: 'CategorySchemeDefined', data: { schemeId: 'suffolk-2014', name: 'Suffolk categories', kind: 'category', categories: edges } as never });
    });
  });

  describe('ReviseCategoryScheme', () => {
    it('replaces the list, keeping the name when none is given', () => {
      const three = [...twoTier, { code: 'AMBER', label: 'Requires improvement', order: 3, group: 'requires-improvement', visitEveryWeeks: 13 }];
      given([defined])
        .when(revise({ categories: three }))
        .then({ type: 'CategorySchemeRevised', data: { schemeId: 'suffolk-2014', name: 'Suffolk categories', categories: three, reason: 'Agreed with the consortia' } as never });
    });

    it('renames the scheme alone', () => {
      given([defined])
        .when(revise({ name: 'Suffolk school categories 2014' }))
        .then({ type: 'CategorySchemeRevised', data: { schemeId: 'suffolk-2014', name: 'Suffolk school categories 2014', categories: twoTier, reason: 'Agreed with the consortia' } as never });
    });

    it('refuses a revision that changes nothing', () => {
      given([defined]).when(revise()).thenThrows(NothingToReviseError, /Nothing would change: the scheme "suffolk-2014"/);
      given([defined]).when(revise({ name: 'Suffolk categories' })).thenThrows(NothingToReviseError);
    });

    it('refuses a scheme not defined', () => {
      given([]).when(revise()).thenThrows(SchemeNotFoundError, /no category scheme "suffolk-2014"/);
    });

    it('checks the new list as a definition is checked, by the scheme’s kind', () => {
      given([defined]).when(revise({ categories: withCategory(1, { group: undefined }) })).thenThrows(InvalidSchemeCategoriesError, /needs the group/);
      given([defined]).when(revise({ categories: [] })).thenThrows(InvalidSchemeCategoriesError);
      given([defined]).when(revise({ name: '' })).thenThrows(SchemeNameRequiredError);
    });

    it('needs a reason', () => {
      given([defined]).when(revise({ categories: withCategory(0, { visitEveryWeeks: 4 }), reason: ' ' })).thenThrows(ReasonRequiredError, /revising the scheme/);
    });

    it('revises a shipped example', () => {
      const norfolk: CategorySchemeEvent = { type: 'CategorySchemeDefined', data: { ...NORFOLK_SCHEME } };
      given([norfolk])
        .when({ type: 'ReviseCategoryScheme', data: { schemeId: 'norfolk', categories: WARWICKSHIRE_SCHEME.categories, reason: 'Moved to the county scheme' } })
        .then({ type: 'CategorySchemeRevised', data: { schemeId: 'norfolk', name: NORFOLK_SCHEME.name, categories: WARWICKSHIRE_SCHEME.categories, reason: 'Moved to the county scheme' } });
    });
  });
});
