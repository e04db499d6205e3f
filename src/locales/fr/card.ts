/** Messages of the card area (French, the source). */
export const card = {} as const;
