/**
 * The id of a step a file gives none: `<action id>.p<n>`, n its place under the action (1 for
 * the first), so a re-import finds the same step. Not the `<action id>.s<n>` a step added on the
 * board takes when it is given no id (see nextStepId in the domain): with the same form, a
 * refreshed file's new step would take the id of one a person added, and revise its text.
 */
export const placedStepId = (actionId: string, place: number): string => `${actionId}.p${place}`;
