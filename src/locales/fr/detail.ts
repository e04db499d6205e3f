/** Messages of the detail area (French, the source). */
export const detail = {} as const;
