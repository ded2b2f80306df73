import { describe, expect, test } from "@jest/globals";
import { Basiq, BasiqError, consentUrl, parseConsentRedirect } from "basiq";
import { createSandbox } from "basiq/testing";
import { API_KEY, fakeBasiq, json } from "./helpers/fetch.js";

describe("consentUrl", () => {
  test("builds https://consent.basiq.io/home with the token, action, state and institution, in the documented order", () => {
    expect(consentUrl({ token: "tok", action: "connect", state: "s1", institutionId: "AU00000" }))
      .toBe("https://consent.basiq.io/home?token=tok&action=connect&state=s1&institutionId=AU00000");
    expect(consentUrl({ token: "tok" })).toBe("https://consent.basiq.io/home?token=tok");
    expect(consentUrl({ token: "tok", connectionId: "c1" })).toBe("https://consent.basiq.io/home?token=tok&connectionId=c1");
    expect(consentUrl({ token: "tok", action: "reauthorise", connectionId: "c1" })).toBe("https://consent.basiq.io/home?token=tok&action=reauthorise&connectionId=c1");
  });

  test("percent-encodes every value, so none can add or change a parameter", () => {
    const hostile = "a b&action=manage#x+y/é=";
    const url = new URL(consentUrl({ token: "t.k+/=", state: hostile, institutionId: "AU 1&x=y" }));
    expect(url.origin + url.pathname).toBe("https://consent.basiq.io/home");
    expect([...url.searchParams.keys()]).toEqual(["token", "state", "institutionId"]);
    expect(url.searchParams.get("token")).toBe("t.k+/=");
    expect(url.searchParams.get("state")).toBe(hostile);
    expect(url.searchParams.get("institutionId")).toBe("AU 1&x=y");
    expect(url.hash).toBe("");
    // A space is %20 (not "+"), so decodeURIComponent reads the same value back too.
    expect(decodeURIComponent(url.search.split("state=")[1]!.split("&")[0]!)).toBe(hostile);
  });

  test("accepts each documented action", () => {
    for (const action of ["connect", "manage", "extend", "update", "reauthorise"] as const) {
      expect(new URL(consentUrl({ token: "t", action })).searchParams.get("action")).toBe(action);
    }
  });

  test("refuses what the Consent UI does not take, with a BasiqError that says what to pass", () => {
    const wrong = (input: unknown) => {
      try {
        consentUrl(input as never);
      } catch (error) {
        expect(error).toBeInstanceOf(BasiqError);
        return (error as Error).message;
      }
      throw new Error("no error");
    };
    expect(wrong({})).toMatch(/needs `token`: a CLIENT_ACCESS token/);
    expect(wrong({ token: "" })).toMatch(/needs `token`/);
    expect(wrong({ token: "t", action: "delete" })).toMatch(/unknown action "delete": use one of "connect", "manage", "extend", "update", "reauthorise"/);
    expect(wrong({ token: "t", action: "manage", connectionId: "c1" })).toMatch(/connectionId .* does not go with action "manage".*Pass no action, or "reauthorise"/);
    expect(wrong({ token: "t", action: "connect", connectionId: "c1" })).toMatch(/does not go with action "connect"/);
    expect(wrong({ token: "t", action: "extend", institutionId: "AU00000" })).toMatch(/institutionId .* action "extend"/);
    expect(wrong({ token: "t", institutionId: "AU00000", connectionId: "c1" })).toMatch(/institutionId or connectionId, not both/);
    expect(wrong({ token: "t", state: "" })).toMatch(/`state` must be a non-empty string/);
    expect(wrong({ token: "t", institutionId: 7 })).toMatch(/`institutionId` must be a non-empty string/);
  });

  test("a value with a lone surrogate is a BasiqError naming it (not a URIError), and basiq.consentUrl mints no token for it", async () => {
    for (const name of ["state", "institutionId", "connectionId"] as const) {
      const input = { token: "tok", [name]: `ok\ud800` } as { token: string };
      expect(() => consentUrl(input)).toThrow(new BasiqError(`consentUrl: \`${name}\` has a lone UTF-16 surrogate at position 2, which no URL can carry; check how the string was cut or decoded`));
    }
    expect(() => consentUrl({ token: "tok\udc00" })).toThrow(/`token` has a lone UTF-16 surrogate at position 3/);
    expect(consentUrl({ token: "tok", state: "\ud83d\ude00" })).toBe("https://consent.basiq.io/home?token=tok&state=%F0%9F%98%80"); // a pair is fine
    const fake = fakeBasiq(() => json({}));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await expect(basiq.consentUrl("u1", { state: "/back\udfff" })).rejects.toThrow(BasiqError);
    expect(fake.seen).toHaveLength(0);
  });

  test("never quotes the token in an error", () => {
    const error = (() => {
      try {
        consentUrl({ token: "secret-client-token", action: "manage", connectionId: "c1" });
      } catch (e) {
        return e as BasiqError;
      }
    })();
    expect(error).toBeInstanceOf(BasiqError);
    expect(`${error!.message} ${error!.stack} ${JSON.stringify(error)}`).not.toContain("secret-client-token");
  });
});

describe("basiq.consentUrl", () => {
  test("mints a CLIENT_ACCESS token bound to the user and puts it in the URL", async () => {
    const sandbox = createSandbox();
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
    const url = new URL(await basiq.consentUrl(userId, { action: "connect", state: "back to /home" }));
    expect(url.searchParams.get("token")).toBe(await basiq.clientToken(userId));
    expect(url.searchParams.get("action")).toBe("connect");
    expect(url.searchParams.get("state")).toBe("back to /home");
  });

  test("sends POST /token with scope CLIENT_ACCESS and the userId", async () => {
    const fake = fakeBasiq(() => json({}));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await basiq.consentUrl("u-42");
    expect(fake.tokenCalls().map((call) => call.body)).toEqual(["scope=CLIENT_ACCESS&userId=u-42"]);
  });

  test("checks the options before minting a token", async () => {
    const fake = fakeBasiq(() => json({}));
    const basiq = new Basiq({ apiKey: API_KEY, fetch: fake.fetch });
    await expect(basiq.consentUrl("u-42", { action: "manage", connectionId: "c1" })).rejects.toThrow(BasiqError);
    expect(fake.seen).toHaveLength(0);
  });

  test("needs an API key (a client built from a ready token cannot mint one)", async () => {
    const basiq = new Basiq({ token: "ready", fetch: fakeBasiq(() => json({})).fetch });
    await expect(basiq.consentUrl("u-42")).rejects.toThrow(/needs an API key/);
  });
});

describe("parseConsentRedirect", () => {
  test("reads comma-separated jobIds as separate ids, with the state", () => {
    expect(parseConsentRedirect("https://app.example/basiq/callback?jobIds=j1,j2,j3&state=%2Fhome"))
      .toEqual({ jobIds: ["j1", "j2", "j3"], state: "/home" });
  });

  test("reads a single jobId, and both forms together without repeating an id", () => {
    const id = "d684c882-fb9c-4284-98a0-d3b65334922e";
    expect(parseConsentRedirect(`https://example.com/account-verification?jobId=${id}&jobIds=${id}`)).toEqual({ jobIds: [id], state: undefined });
    expect(parseConsentRedirect("?jobId=j9").jobIds).toEqual(["j9"]);
    expect(parseConsentRedirect("jobIds=j1,,j2,&jobId=j3").jobIds).toEqual(["j1", "j2", "j3"]);
  });

  test("takes a URL, URLSearchParams, a path with a query or a bare query", () => {
    const expected = { jobIds: ["j1", "j2"], state: "x" };
    expect(parseConsentRedirect(new URL("https://app.example/cb?jobIds=j1,j2&state=x"))).toEqual(expected);
    expect(parseConsentRedirect(new URLSearchParams({ jobIds: "j1,j2", state: "x" }))).toEqual(expected);
    expect(parseConsentRedirect("/cb?jobIds=j1%2Cj2&state=x")).toEqual(expected);
    expect(parseConsentRedirect("?jobIds=j1,j2&state=x")).toEqual(expected);
  });

  test("gives no job ids when none were started (manage, or the user closed the Consent UI)", () => {
    expect(parseConsentRedirect("https://app.example/cb?state=s")).toEqual({ jobIds: [], state: "s" });
  });

  test("turns an error redirect into a BasiqError carrying the code and description", () => {
    let error: unknown;
    try {
      parseConsentRedirect("https://app.example/cb?error=access_denied&error_description=The%20user%20cancelled&state=s");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BasiqError);
    expect(error).toMatchObject({ message: "The Consent UI redirected with an error: access_denied: The user cancelled", code: "access_denied" });
  });

  test("strips tags, control characters and line breaks from an error redirect's code and message", () => {
    const error = (() => {
      try {
        parseConsentRedirect("https://app.example/cb?error=%3Cscript%3Ealert(1)%3C%2Fscript%3Eaccess_denied%0D%0AX-Injected:%201&error_description=bad%0d%0a%3Cimg%20src=x%20onerror=alert(1)%3Ething%E2%80%A8next%3C");
      } catch (e) {
        return e as BasiqError;
      }
      throw new Error("no error");
    })();
    expect(error).toBeInstanceOf(BasiqError);
    const fields = [error.message, error.code, error.errors[0]!.code, error.errors[0]!.detail].join("\n");
    expect(fields).not.toMatch(/[<>\r\u2028]|\n(?!The|access|alert|bad)/);
    expect(error.code).toBe("alert(1) access_denied X-Injected: 1");
    expect(error.message).toBe("The Consent UI redirected with an error: alert(1) access_denied X-Injected: 1: bad thing next");
  });

  test("refuses a job id that could change a request path, and an unbounded list", () => {
    expect(() => parseConsentRedirect("?jobIds=j1,../users")).toThrow(/not one Basiq writes/);
    expect(() => parseConsentRedirect("?jobId=a%2Fb")).toThrow(BasiqError);
    const many = Array.from({ length: 101 }, (_, i) => `j${i}`).join(",");
    expect(() => parseConsentRedirect(`?jobIds=${many}`)).toThrow(/more than 100 job ids/);
  });

  test("round trip: the ids it reads are jobs waitForJob can follow", async () => {
    const sandbox = createSandbox();
    const basiq = new Basiq({ apiKey: API_KEY, fetch: sandbox.fetch });
    const { id: userId } = await basiq.ops.createUser({ body: { email: "a@b.co" } });
    const url = await basiq.consentUrl(userId, { state: "onboarding" });
    expect(new URL(url).searchParams.get("state")).toBe("onboarding");
    const first = sandbox.consent(userId).jobId;
    const second = sandbox.consent(userId).jobId;
    const { jobIds, state } = parseConsentRedirect(`https://app.example/basiq/callback?jobIds=${first},${second}&state=onboarding`);
    expect(state).toBe("onboarding");
    const jobs = await Promise.all(jobIds.map((jobId) => basiq.waitForJob(jobId, { intervalMs: 1 })));
    expect(jobs.map((job) => job.id)).toEqual([first, second]);
  });
});
