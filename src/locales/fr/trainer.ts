/** Messages of the trainer area (French, the source). */
export const trainer = {} as const;
