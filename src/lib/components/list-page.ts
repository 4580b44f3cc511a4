/**
 * Long per-column lists (the column profiles, the per-feature preparation) show this many rows at first, with a
 * button for more: a 10,000-column file rendered whole took the page's main thread for tens of seconds.
 */
export const LIST_PAGE = 100;
