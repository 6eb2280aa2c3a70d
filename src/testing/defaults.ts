/**
 * What `startStandin` and the MSW handlers serve unless told otherwise: the default scenario, as
 * `npm start` does, with the virtual clock frozen so time moves only when a test moves it.
 */
export const IN_PROCESS_DEFAULTS = { scenario: 'default', frozen: true } as const
