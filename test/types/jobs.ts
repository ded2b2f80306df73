// Type-level tests for jobResult and waitForJob's progress (checked by tsc in test/typecheck.test.ts).
import { Basiq, jobResult, type LinkOperationId } from "basiq";

const basiq = new Basiq({ apiKey: "k" });

export async function jobTypes(jobId: string) {
  const job = await basiq.waitForJob(jobId, {
    onProgress: (_job, { mfa, step }) => {
      if (mfa) {
        const prompts: string[] = mfa.input;
        const method: string = mfa.method;
        const expiry: number | undefined = mfa.expiryMs;
        // @ts-expect-error a challenge has no `answer`: answer it with postJobMfa
        mfa.answer;
        void prompts, method, expiry;
      }
      const at: string | undefined = step;
      void at;
    },
  });
  const { connectionId, reportId, links } = jobResult(job);
  const ids: Array<string | undefined> = [connectionId, reportId];
  const first: LinkOperationId | undefined = links[0]?.operationId;
  // @ts-expect-error the ids are named in camelCase, as the API's path parameters are
  jobResult(job).connectionID;
  return { ids, first };
}
