/** The Basiq API origin: the client's default `baseUrl`, and the base relative links resolve against. */
export const BASE_URL = "https://au-api.basiq.io";
