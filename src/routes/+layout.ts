// Every page is prerendered to static HTML; all work happens in the browser.
export const prerender = true;
export const ssr = true;
