import type { Decider } from '../shared/decider';
import { directoryStream } from '../shared/streams';
import { decidePeople, type PeopleCommand } from './people.decide';
import { evolvePeople, initialPeopleState, type PeopleState } from './people.state';
import type { PersonEvent } from './person.events';

/**
 * The directory of people and their rights, in the one stream `directory-people` (the id is
 * DIRECTORY_ID): one consistency boundary, so initials and emails stay unique and the last
 * administrator cannot be removed, whatever requests race.
 */
export const peopleDecider: Decider<PeopleState, PeopleCommand, PersonEvent> = {
  decide: decidePeople,
  evolve: evolvePeople,
  initialState: initialPeopleState,
  streamOf: directoryStream,
};
