import type { Decider } from '../shared/decider';
import { schemeStream } from '../shared/streams';
import { decideCategoryScheme } from './category-scheme.decide';
import type { CategorySchemeEvent } from './category-scheme.events';
import { evolveCategoryScheme, initialCategorySchemeState, type CategorySchemeState } from './category-scheme.state';
import type { CategorySchemeCommand } from './school.commands';

/** One of the council's category (or intervention-stage) schemes, in the stream `scheme-<schemeId>`. */
export const categorySchemeDecider: Decider<CategorySchemeState, CategorySchemeCommand, CategorySchemeEvent> = {
  decide: (command, state) => [decideCategoryScheme(command, state)],
  evolve: evolveCategoryScheme,
  initialState: initialCategorySchemeState,
  streamOf: schemeStream,
};
