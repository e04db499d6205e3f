/** Messages of the enrol area (French, the source). */
export const enrol = {} as const;
