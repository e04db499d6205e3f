/** Messages of the catalogue area (French, the source). */
export const catalogue = {} as const;
