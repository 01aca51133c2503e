import { describe, expect, it } from "vitest";

import { isAuthorizedBasic, parseBasicAuthorization } from "./basic-auth";

const header = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;
const expected = { user: "admin", password: "s3cret:with-colon" };

describe("isAuthorizedBasic", () => {
  it("accepts the configured user and password", async () => {
    expect(await isAuthorizedBasic(header("admin", "s3cret:with-colon"), expected)).toBe(true);
  });

  it("rejects a wrong password, a wrong user, a missing header and other schemes", async () => {
    expect(await isAuthorizedBasic(header("admin", "s3cret"), expected)).toBe(false);
    expect(await isAuthorizedBasic(header("root", "s3cret:with-colon"), expected)).toBe(false);
    expect(await isAuthorizedBasic(null, expected)).toBe(false);
    expect(await isAuthorizedBasic("Bearer abc", expected)).toBe(false);
    expect(await isAuthorizedBasic("Basic !!!", expected)).toBe(false);
  });

  it("refuses everyone when credentials are not configured", async () => {
    expect(await isAuthorizedBasic(header("", ""), { user: "", password: "" })).toBe(false);
    expect(await isAuthorizedBasic(header("admin", "x"), { user: "admin", password: undefined })).toBe(false);
  });

  it("splits on the first colon only, so passwords may contain colons", () => {
    expect(parseBasicAuthorization(header("admin", "a:b:c"))).toEqual({ user: "admin", password: "a:b:c" });
  });
});
