/** Messages of the form area (French, the source). */
export const form = {} as const;
